using System;
using ChargerAgent.Core.Storage;
using nanoFramework.TestFramework;

namespace ChargerAgent.Tests.Storage
{
    [TestClass]
    public class RingOptionsTests
    {
        [TestMethod]
        public void The_default_ring_fits_the_partition_of_a_4_MB_board()
        {
            RingOptions options = new RingOptions();
            options.Validate();
            Assert.IsTrue(options.TotalBytes + RingOptions.SideFilesBytes <= 160 * 1024);
        }

        [TestMethod]
        public void A_ring_larger_than_its_partition_is_refused_with_one_line_naming_the_limit()
        {
            RingOptions options = new RingOptions();
            options.PartitionBytes = 64 * 1024;
            string message = null;
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                message = e.Message;
            }

            Assert.IsNotNull(message, "a 96 KB ring on a 64 KB partition was accepted");
            Assert.IsTrue(message.IndexOf("a ring of 96 KB does not fit a 64 KB flash partition: the agent may use 40 KB of it and its other files take 60 KB, so the ring can have at most 0 KB") == 0, message);
            Assert.IsTrue(message.IndexOf('\n') < 0, "one line");
        }

        [TestMethod]
        public void A_ring_of_the_largest_size_that_fits_is_accepted_and_one_segment_more_is_not()
        {
            RingOptions options = new RingOptions();
            options.TotalBytes = RingOptions.AgentBytes(options.PartitionBytes) - RingOptions.SideFilesBytes;
            options.Validate();
            options.TotalBytes += options.SegmentBytes;
            Assert.ThrowsException(typeof(ArgumentException), () => options.Validate());
        }
    }
}
