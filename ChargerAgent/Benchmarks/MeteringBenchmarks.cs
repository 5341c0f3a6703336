using System;
using BenchmarkDotNet.Attributes;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Metering.S0;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Benchmarks;

/// <summary>The metering hot paths: a Modbus poll decoded to Wh, a full poll over an in-memory line, an S0 sample. Goal: 0 B each.</summary>
[MemoryDiagnoser]
public class MeteringBenchmarks
{
    private readonly byte[] response = { 0x01, 0x04, 0x04, 0x46, 0x40, 0xE6, 0xB6, 0, 0 };
    private readonly ushort[] registers = new ushort[2];
    private BenchClock clock;
    private ModbusEnergySource modbusSource;
    private S0EnergySource s0Source;
    private BenchPulses pulses;
    private EnergyReading reading;

    [GlobalSetup]
    public void Setup()
    {
        Crc16Modbus.Append(response, 7);
        clock = new BenchClock();
        var line = new CannedLine(clock, response);
        var options = new ModbusMasterOptions { SkipEcho = false };
        modbusSource = new ModbusEnergySource(new ModbusRtuMaster(line, clock, options), MeterProfiles.Generic(
            ModbusLimits.ReadInputRegisters, 0x0048, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1, 9600), 1, clock);
        pulses = new BenchPulses();
        s0Source = new S0EnergySource(pulses, clock, 1000, new PowerLimit(230, 32, 1), 0);
    }

    /// <summary>Validate an SDM120 energy response (CRC, address, function, byte count) and convert float32 kWh to Wh.</summary>
    [Benchmark]
    public long DecodeModbusPoll()
    {
        var result = default(ModbusResult);
        if (!ModbusFrame.TryDecodeReadResponse(response, response.Length, 1, 4, 2, ref result))
        {
            return -1;
        }

        registers[0] = ModbusFrame.Register(response, 0);
        registers[1] = ModbusFrame.Register(response, 1);
        RegisterValue.TryScale(registers, RegisterDataType.Float32, WordOrder.HighWordFirst, 1000, 1, out long wh, out _);
        return wh;
    }

    /// <summary>A whole energy poll through the master and the source, over a line that answers at once.</summary>
    [Benchmark]
    public long ModbusSourceRead()
    {
        modbusSource.Read(ref reading);
        return reading.TotalWh;
    }

    /// <summary>One S0 sample: read the counter, rate check, carry the remainder, derive power.</summary>
    [Benchmark]
    public long S0Sample()
    {
        clock.Now += 1000;
        pulses.Count += 2;
        s0Source.Read(ref reading);
        return reading.TotalWh;
    }

    private sealed class BenchClock : IClock
    {
        public long Now;

        public long MonotonicMilliseconds => Now;

        public bool TryGetUtc(out long unixSeconds)
        {
            unixSeconds = 0;
            return false;
        }
    }

    private sealed class BenchPulses : IPulseCounter
    {
        public long Count;

        public bool TryRead(out long count)
        {
            count = Count;
            return true;
        }
    }

    private sealed class CannedLine(BenchClock clock, byte[] frame) : ISerialLine
    {
        private int at = int.MaxValue;

        public int BaudRate => 115200;

        public void Write(byte[] buffer, int offset, int count) => at = 0;

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (at >= frame.Length)
            {
                clock.Now += timeoutMilliseconds;
                return 0;
            }

            int n = Math.Min(count, frame.Length - at);
            Array.Copy(frame, at, buffer, offset, n);
            at += n;
            return n;
        }

        public void DiscardInput()
        {
        }
    }
}
