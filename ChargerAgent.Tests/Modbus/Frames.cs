using ChargerAgent.Core.Modbus;

namespace ChargerAgent.Tests.Modbus
{
    /// <summary>Builds response frames for tests (the CRC from the code under test is checked separately against fixed vectors).</summary>
    public static class Frames
    {
        public static byte[] WithCrc(params byte[] body)
        {
            byte[] frame = new byte[body.Length + 2];
            for (int i = 0; i < body.Length; i++)
            {
                frame[i] = body[i];
            }

            Crc16Modbus.Append(frame, body.Length);
            return frame;
        }

        /// <summary>A read response carrying <paramref name="registers"/>.</summary>
        public static byte[] ReadResponse(byte slave, byte function, params ushort[] registers)
        {
            byte[] body = new byte[3 + 2 * registers.Length];
            body[0] = slave;
            body[1] = function;
            body[2] = (byte)(2 * registers.Length);
            for (int i = 0; i < registers.Length; i++)
            {
                body[3 + 2 * i] = (byte)(registers[i] >> 8);
                body[4 + 2 * i] = (byte)(registers[i] & 0xFF);
            }

            return WithCrc(body);
        }

        public static byte[] Exception(byte slave, byte function, byte code)
        {
            return WithCrc(slave, (byte)(function | 0x80), code);
        }

        public static byte[] Slice(byte[] frame, int offset, int count)
        {
            byte[] part = new byte[count];
            for (int i = 0; i < count; i++)
            {
                part[i] = frame[offset + i];
            }

            return part;
        }
    }
}
