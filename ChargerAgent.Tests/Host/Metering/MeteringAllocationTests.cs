using System;
using ChargerAgent.Core.Metering;
using ChargerAgent.Core.Metering.Profiles;
using ChargerAgent.Core.Metering.S0;
using ChargerAgent.Core.Modbus;
using ChargerAgent.Core.Time;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace ChargerAgent.Tests.Host.Metering
{
    /// <summary>The per-poll and per-sample paths allocate nothing (measured on this thread's allocation counter).</summary>
    [TestClass]
    public sealed class MeteringAllocationTests
    {
        [TestMethod]
        public void A_Modbus_poll_with_power_allocates_nothing()
        {
            var clock = new TickingClock();
            var line = new CannedLine(clock);
            var master = new ModbusRtuMaster(line, clock, new ModbusMasterOptions());
            var source = new ModbusEnergySource(master, MeterProfiles.Sdm120, 1, clock);
            var reading = new EnergyReading();
            source.Read(ref reading); // warm up
            Assert.AreEqual(MeterHealth.Ok, reading.Health, source.LastResult.Reason);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                source.Read(ref reading);
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(12345678L, reading.TotalWh);
        }

        [TestMethod]
        public void An_S0_sample_allocates_nothing()
        {
            var clock = new TickingClock();
            var counter = new CountingPulses();
            var source = new S0EnergySource(counter, clock, 1000, new PowerLimit(230, 32, 1), 0);
            var reading = new EnergyReading();
            source.Read(ref reading);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                clock.Now += 1000;
                counter.Count += 2;
                source.Read(ref reading);
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.AreEqual(2000L, reading.TotalWh);
        }

        internal sealed class TickingClock : IClock
        {
            public long Now;

            public long MonotonicMilliseconds => Now;

            public bool TryGetUtc(out long unixSeconds)
            {
                unixSeconds = 0;
                return false;
            }
        }

        internal sealed class CountingPulses : IPulseCounter
        {
            public long Count;

            public bool TryRead(out long count)
            {
                count = Count;
                return true;
            }
        }

        /// <summary>Answers every request with a canned SDM120 frame (energy or power), allocation-free.</summary>
        internal sealed class CannedLine : ISerialLine
        {
            private static readonly byte[] Energy = { 0x01, 0x04, 0x04, 0x46, 0x40, 0xE6, 0xB6, 0, 0 };
            private static readonly byte[] Power = { 0x01, 0x04, 0x04, 0x43, 0x66, 0x80, 0x00, 0, 0 };
            private readonly TickingClock clock;
            private byte[] pending;
            private int at;

            static CannedLine()
            {
                Crc16Modbus.Append(Energy, 7);
                Crc16Modbus.Append(Power, 7);
            }

            public CannedLine(TickingClock clock) => this.clock = clock;

            public int BaudRate => 9600;

            public void Write(byte[] buffer, int offset, int count)
            {
                pending = buffer[offset + 3] == 0x48 ? Energy : Power;
                at = 0;
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
            {
                if (pending == null || at >= pending.Length)
                {
                    clock.Now += timeoutMilliseconds;
                    return 0;
                }

                int n = Math.Min(count, pending.Length - at);
                Array.Copy(pending, at, buffer, offset, n);
                at += n;
                return n;
            }

            public void DiscardInput()
            {
            }
        }
    }
}
