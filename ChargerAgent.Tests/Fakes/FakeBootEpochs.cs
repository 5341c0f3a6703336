using ChargerAgent.Core.Upload;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>Boot epochs known or not, set by the test.</summary>
    public class FakeBootEpochs : IBootEpochs
    {
        public ushort KnownBoot;
        public long Epoch;
        public bool KnownIsEstimated;

        /// <summary>When false, an unknown epoch can never be learnt (the uploader must estimate it).</summary>
        public bool Learnable = true;

        /// <summary>Estimates fixed by the uploader.</summary>
        public int EstimatesAdded;

        public bool TryGetEpoch(ushort boot, out long epochUnixSeconds, out bool estimated)
        {
            estimated = boot == KnownBoot && KnownIsEstimated;
            epochUnixSeconds = boot == KnownBoot ? Epoch : 0;
            return boot == KnownBoot && Epoch > 0;
        }

        public bool MayStillBeLearnt(ushort boot)
        {
            return Learnable;
        }

        public void AddEstimated(ushort boot, long epochUnixSeconds)
        {
            EstimatesAdded++;
            KnownBoot = boot;
            Epoch = epochUnixSeconds;
            KnownIsEstimated = true;
        }
    }
}
