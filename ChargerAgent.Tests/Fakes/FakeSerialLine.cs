using System;
using System.Collections;
using System.IO;
using ChargerAgent.Core.Metering;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// A scripted half-duplex line: each write takes the next scripted reply, a list of chunks the reads
    /// return in order; a null chunk is one silence (a read that times out). A read with nothing left times
    /// out. Timeouts advance the clock by the read's timeout, so waits are exact and instant.
    /// </summary>
    public sealed class FakeSerialLine : ISerialLine
    {
        private readonly FakeClock clock;
        private readonly ArrayList replies = new ArrayList();
        private readonly ArrayList requests = new ArrayList();
        private ArrayList current = new ArrayList();
        private int chunkIndex;
        private int chunkOffset;

        public FakeSerialLine(FakeClock clock, int baudRate)
        {
            this.clock = clock;
            BaudRate = baudRate;
        }

        public int BaudRate { get; }

        /// <summary>Bytes waiting before the first write (stale input).</summary>
        public byte[] StaleInput;

        /// <summary>Milliseconds each successful read takes.</summary>
        public int MillisecondsPerRead = 1;

        /// <summary>When set, writes throw an IOException.</summary>
        public bool FailWrites;

        public int Writes
        {
            get { return requests.Count; }
        }

        public int Discards;

        public int TimedOutReads;

        public byte[] Request(int index)
        {
            return (byte[])requests[index];
        }

        /// <summary>Queues a reply made of chunks (null = a silence between chunks).</summary>
        public void Reply(params byte[][] chunks)
        {
            ArrayList list = new ArrayList();
            for (int i = 0; i < chunks.Length; i++)
            {
                list.Add(chunks[i]);
            }

            replies.Add(list);
        }

        /// <summary>Queues no reply at all for one request.</summary>
        public void NoReply()
        {
            replies.Add(new ArrayList());
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (FailWrites)
            {
                throw new IOException("scripted write failure");
            }

            byte[] copy = new byte[count];
            Array.Copy(buffer, offset, copy, 0, count);
            requests.Add(copy);
            current = replies.Count > 0 ? (ArrayList)replies[0] : new ArrayList();
            if (replies.Count > 0)
            {
                replies.RemoveAt(0);
            }

            chunkIndex = 0;
            chunkOffset = 0;
            clock.Advance(1);
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (StaleInput != null)
            {
                int stale = count < StaleInput.Length ? count : StaleInput.Length;
                Array.Copy(StaleInput, 0, buffer, offset, stale);
                StaleInput = null;
                return stale;
            }

            if (chunkIndex >= current.Count)
            {
                return TimeOut(timeoutMilliseconds);
            }

            byte[] chunk = (byte[])current[chunkIndex];
            if (chunk == null)
            {
                chunkIndex++;
                return TimeOut(timeoutMilliseconds);
            }

            int left = chunk.Length - chunkOffset;
            int n = count < left ? count : left;
            Array.Copy(chunk, chunkOffset, buffer, offset, n);
            chunkOffset += n;
            if (chunkOffset >= chunk.Length)
            {
                chunkIndex++;
                chunkOffset = 0;
            }

            clock.Advance(MillisecondsPerRead);
            return n;
        }

        public void DiscardInput()
        {
            Discards++;
        }

        private int TimeOut(int timeoutMilliseconds)
        {
            TimedOutReads++;
            clock.Advance(timeoutMilliseconds);
            return 0;
        }
    }
}
