using ChargerAgent.Core.Http;
using ChargerAgent.Core.Records;
using ChargerAgent.Core.Status;
using ChargerAgent.Core.Storage;
using ChargerAgent.Core.Upload;
using ChargerAgent.Tests.Fakes;

namespace ChargerAgent.Tests.Upload
{
    /// <summary>Everything an uploader needs, faked, plus a power cut that rebuilds it from what was durable.</summary>
    public class UploadRig
    {
        public const string ApiKey = "sk_test_SECRETKEY_abcdef0123456789";
        public const long T0 = 1643711400;

        public readonly FakePowerLine Power = new FakePowerLine();
        public readonly FakeRecordRing Ring = new FakeRecordRing(0x1234abcd);
        public readonly FakeHttpTransport Transport = new FakeHttpTransport();
        public readonly FakeBootEpochs Epochs = new FakeBootEpochs();
        public readonly FakeFileStore Files;
        public readonly FakeWatermarkStore Store;
        public readonly UploadOptions Options;
        public DeliveryWatermarks Watermarks = new DeliveryWatermarks();
        public Uploader Uploader;
        public readonly DeliveryStatus Status = new DeliveryStatus();

        public UploadRig()
        {
            Files = new FakeFileStore(Power);
            Store = new FakeWatermarkStore(Power);
            Options = NewOptions();
            Watermarks.Generation = Ring.Generation;
            Uploader = new Uploader(Options, Transport, Ring, Watermarks, Store, Files, Epochs, null);
            Uploader.Start(0);
        }

        public static UploadOptions NewOptions()
        {
            return new UploadOptions
            {
                BaseUrl = "https://api.example.test",
                AccountId = "acc_661677911f2197045e6cf1b1",
                ApiKey = ApiKey,
                LocationId = "loc_641b90b758fb8e6293716e40",
                ReferenceDeviceId = "chg-0001",
                PaceMs = 0,
                AttemptedStepRecords = 4,
            };
        }

        public string RecordId(uint seq)
        {
            return ReferenceIds.RecordId(Options.ReferenceDeviceId, Ring.Generation, seq);
        }

        /// <summary>Adds <paramref name="count"/> half-hour records of 1000 + i Wh.</summary>
        public void AddRecords(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Ring.Add(T0 + (Ring.NextSeq - 1) * 1800, (uint)(1000 + Ring.NextSeq), 0, RecordFlags.None);
            }
        }

        /// <summary>Steps every <paramref name="stepMs"/> until <paramref name="untilMs"/>.</summary>
        public void RunUntil(long untilMs, long stepMs)
        {
            while (Transport.Now < untilMs)
            {
                Transport.Now += stepMs;
                Uploader.Step(Transport.Now);
            }
        }

        /// <summary>Steps until idle with nothing left (or the time limit): true when everything was acknowledged.</summary>
        public bool Drain(long limitMs)
        {
            long end = Transport.Now + limitMs;
            while (Transport.Now < end)
            {
                Transport.Now += 100;
                Uploader.Step(Transport.Now);
                if (Watermarks.SentUpTo == Ring.NextSeq - 1 && !Uploader.Busy && Uploader.Side.Count == 0) return true;
            }

            return false;
        }

        /// <summary>Power cut: the in-flight request (if any) ends unseen; state comes back from what was durable.</summary>
        public void PowerCutAndReboot()
        {
            Files.PowerCut();
            Watermarks = new DeliveryWatermarks();
            if (!Store.TryLoad(Watermarks)) Watermarks.Generation = Ring.Generation;
            Transport.Now += 100000;
            Transport.TryTakeResult(new HttpResponse { Body = new byte[4096] });
            Uploader = new Uploader(Options, Transport, Ring, Watermarks, Store, Files, Epochs, null);
            Uploader.Start(Transport.Now);
        }
    }
}
