using ChargerAgent.Core.Upload;

namespace ChargerAgent.Tests.Upload.Fakes
{
    /// <summary>Boot epochs known or not, set by the test.</summary>
    public class FakeEpochs : IBootEpochs
    {
        public ushort KnownBoot;
        public long Epoch;

        public bool TryGetEpoch(ushort boot, out long epochUnixSeconds)
        {
            epochUnixSeconds = boot == KnownBoot ? Epoch : 0;
            return boot == KnownBoot && Epoch > 0;
        }
    }
}
