using System;

namespace ChargerAgent.Core.Modbus
{
    /// <summary>
    /// Builds read requests (functions 03 and 04) and validates their responses, in caller-owned buffers.
    /// Layout: Modbus Application Protocol Specification V1.1b3, sections 6.3 and 6.4; RTU framing and
    /// CRC: Modbus over Serial Line V1.02, section 2.5.1. Multi-byte fields are big-endian, the CRC low byte first.
    /// </summary>
    public static class ModbusFrame
    {
        /// <summary>Offset of the byte count in a read response.</summary>
        public const int ByteCountOffset = 2;

        /// <summary>Offset of the first data byte in a read response.</summary>
        public const int DataOffset = 3;

        /// <summary>Writes an 8-byte read request into <paramref name="buffer"/> from index 0.</summary>
        /// <returns>The frame length, <see cref="ModbusLimits.ReadRequestBytes"/>.</returns>
        /// <exception cref="ArgumentException">An argument is outside the protocol's limits.</exception>
        public static int BuildReadRequest(byte[] buffer, byte slave, byte function, ushort start, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (buffer.Length < ModbusLimits.ReadRequestBytes)
            {
                throw new ArgumentException("buffer shorter than a read request", nameof(buffer));
            }

            CheckReadArguments(slave, function, start, count);
            buffer[0] = slave;
            buffer[1] = function;
            buffer[2] = (byte)(start >> 8);
            buffer[3] = (byte)(start & 0xFF);
            buffer[4] = (byte)(count >> 8);
            buffer[5] = (byte)(count & 0xFF);
            return Crc16Modbus.Append(buffer, 6);
        }

        /// <summary>Throws when a read's arguments are outside the protocol's limits.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Bad slave address, function, or register count/range.</exception>
        public static void CheckReadArguments(byte slave, byte function, ushort start, int count)
        {
            if (slave < ModbusLimits.MinSlaveAddress || slave > ModbusLimits.MaxSlaveAddress)
            {
                throw new ArgumentOutOfRangeException(nameof(slave), "slave address must be 1..247");
            }

            if (function != ModbusLimits.ReadHoldingRegisters && function != ModbusLimits.ReadInputRegisters)
            {
                throw new ArgumentOutOfRangeException(nameof(function), "only functions 03 and 04 are supported");
            }

            if (count < 1 || count > ModbusLimits.MaxReadRegisters)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "register count must be 1..125");
            }

            if (start + count > 0x10000)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "registers run past 0xFFFF");
            }
        }

        /// <summary>The length of a normal response to a read of <paramref name="count"/> registers.</summary>
        public static int ReadResponseLength(int count)
        {
            return ModbusLimits.ReadResponseOverheadBytes + 2 * count;
        }

        /// <summary>
        /// Validates a response to a read of <paramref name="count"/> registers from <paramref name="slave"/>
        /// with <paramref name="function"/>. Never throws for any content of <paramref name="frame"/>: every
        /// problem is reported in <paramref name="result"/> as one of the documented <see cref="ModbusError"/> values.
        /// </summary>
        /// <returns>True when the frame is a valid response; its data starts at <see cref="DataOffset"/>.</returns>
        /// <exception cref="ArgumentException">Null frame or length outside it (caller errors, not frame errors).</exception>
        public static bool TryDecodeReadResponse(byte[] frame, int length, byte slave, byte function, int count, ref ModbusResult result)
        {
            if (frame == null)
            {
                throw new ArgumentNullException(nameof(frame));
            }

            if (length < 0 || length > frame.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            if (length == 0)
            {
                result.Fail(ModbusError.NoAnswer);
                return false;
            }

            if (length < ModbusLimits.ExceptionResponseBytes)
            {
                result.Fail(ModbusError.ShortFrame);
                return false;
            }

            if (!Crc16Modbus.Check(frame, length))
            {
                // A frame that stopped before the length its header announces is partial, not corrupt.
                result.Fail(length < AnnouncedLength(frame, length, function) ? ModbusError.ShortFrame : ModbusError.BadCrc);
                return false;
            }

            if (frame[0] != slave)
            {
                result.Fail(ModbusError.WrongAddress);
                return false;
            }

            if (frame[1] == (byte)(function | ModbusLimits.ExceptionBit))
            {
                if (length != ModbusLimits.ExceptionResponseBytes)
                {
                    result.Fail(ModbusError.BadByteCount);
                    return false;
                }

                result.FailWithException(frame[2]);
                return false;
            }

            if (frame[1] != function)
            {
                result.Fail(ModbusError.WrongFunction);
                return false;
            }

            if (frame[ByteCountOffset] != 2 * count || length != ReadResponseLength(count))
            {
                result.Fail(ModbusError.BadByteCount);
                return false;
            }

            result.Succeed();
            return true;
        }

        /// <summary>
        /// The length the first bytes of a response announce (0 while unknown): 5 for an exception, 5 + byte
        /// count for a read response. Used to know when a frame is complete without waiting for silence.
        /// </summary>
        public static int AnnouncedLength(byte[] frame, int length, byte function)
        {
            if (length < 2)
            {
                return 0;
            }

            if (frame[1] == (byte)(function | ModbusLimits.ExceptionBit))
            {
                return ModbusLimits.ExceptionResponseBytes;
            }

            if (length < 3)
            {
                return 0;
            }

            return ModbusLimits.ReadResponseOverheadBytes + frame[ByteCountOffset];
        }

        /// <summary>Reads the big-endian register <paramref name="index"/> of a validated response.</summary>
        public static ushort Register(byte[] frame, int index)
        {
            int at = DataOffset + 2 * index;
            return (ushort)((frame[at] << 8) | frame[at + 1]);
        }
    }
}
