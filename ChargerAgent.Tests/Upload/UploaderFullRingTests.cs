using ChargerAgent.Core.Records;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Upload
{
    /// <summary>
    /// A full ring releases only what the saved <c>SentUpTo</c> covers: once the queue has sent
    /// everything, nothing else would save it, and the ring would refuse every record for good.
    /// </summary>
    [TestClass]
    public class UploaderFullRingTests
    {
        private const int Slots = 6;

        [TestMethod]
        public void A_full_ring_whose_records_were_all_acknowledged_takes_records_again_once_nothing_is_left_to_send()
        {
            FakeFileStore flash = new FakeFileStore();
            RingOptions ringOptions = new RingOptions();
            ringOptions.SegmentBytes = SegmentFormat.HeaderSize + Slots * RecordCodec.Size;
            ringOptions.TotalBytes = 3 * ringOptions.SegmentBytes;
            ringOptions.EdgeReserve = 2;
            RecordRing ring = RecordRing.Open(flash, ringOptions, new FakeRandomSource(0x5EED0192));

            // A segment and two records of the next, then a write the flash refuses: its Seq is
            // burnt and the next record needs a new segment, which the three-file budget (one kept
            // for a coalescing) refuses while the old ones hold records not released.
            for (int i = 0; i < Slots + 2; i++) Assert.AreEqual((byte)AppendResult.Appended, (byte)Append(ring, i));
            flash.Failing = true;
            Assert.AreEqual((byte)AppendResult.RefusedWriteFailed, (byte)Append(ring, Slots + 2));
            flash.Failing = false;
            Assert.AreEqual((byte)AppendResult.RefusedFull, (byte)Append(ring, Slots + 3));

            FakePowerLine power = new FakePowerLine();
            FakeWatermarkStore store = new FakeWatermarkStore(power);
            FakeHttpTransport transport = new FakeHttpTransport();
            DeliveryWatermarks watermarks = new DeliveryWatermarks();
            watermarks.Generation = ring.Generation;
            Uploader uploader = new Uploader(UploadRig.NewOptions(), transport, ring, watermarks, store, new FakeFileStore(power), new FakeBootEpochs(), null);
            uploader.Start(0);
            for (int step = 0; step < 600; step++)
            {
                transport.Now += 100;
                uploader.Step(transport.Now);
            }

            Assert.AreEqual((uint)(Slots + 2), watermarks.SentUpTo, "the queue did not send every record");
            AppendResult result = Append(ring, Slots + 4);
            Assert.IsFalse(result == AppendResult.RefusedFull, "the ring refused a record although every record in it was acknowledged (saved SentUpTo "
                + store.Saved.SentUpTo + ")");
            Assert.IsFalse(ring.IsFull);
        }

        private static AppendResult Append(RecordRing ring, int index)
        {
            // Half-hours with gaps between them: nothing merges.
            Record r = new Record();
            r.Start = UploadRig.T0 + index * 3600L;
            r.DurationSeconds = 1800;
            r.Wh = (uint)(100 + index);
            r.Session = 0;
            r.ConfidencePercent = 100;
            r.Flags = RecordFlags.None;
            return ring.Append(ref r, 0);
        }
    }
}
