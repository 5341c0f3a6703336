using System.Collections;
using System.Text;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>
    /// An <see cref="IHttpConnection"/> that plays a script: what reads return (data, the end of
    /// the stream, or a failure), in order, across connections. A read with nothing scripted is a
    /// stall: the clock jumps to the read's bound and a timeout is thrown, as a socket receive
    /// timeout would. It records what was written and every bound it was given.
    /// </summary>
    public sealed class FakeHttpConnection : IHttpConnection
    {
        private static readonly object EndMark = new object();
        private readonly ArrayList script = new ArrayList();
        private readonly StringBuilder written = new StringBuilder();

        public FakeHttpConnection(FakeClock clock)
        {
            Clock = clock;
            Usable = true;
        }

        public FakeClock Clock;

        /// <summary>What <see cref="IsUsable"/> answers while open.</summary>
        public bool Usable;

        /// <summary>When set, the next Open throws it (once).</summary>
        public HttpTransportException OpenFailure;

        /// <summary>Milliseconds each Open takes on the clock.</summary>
        public long OpenTakesMs;

        public bool IsOpen;
        public int Opens;
        public int Closes;
        public int Writes;
        public int LastOpenTimeoutMs = -1;
        public int LastReadTimeoutMs = -1;
        public int LastWriteTimeoutMs = -1;

        /// <summary>Everything written, on every connection, as text.</summary>
        public string Written => written.ToString();

        /// <summary>Scripts the next read to return <paramref name="text"/>.</summary>
        public FakeHttpConnection Answer(string text)
        {
            script.Add(Encoding.UTF8.GetBytes(text));
            return this;
        }

        /// <summary>Scripts the next read to return the end of the stream (the server closed).</summary>
        public FakeHttpConnection End()
        {
            script.Add(EndMark);
            return this;
        }

        /// <summary>Scripts the next read to throw <paramref name="e"/>.</summary>
        public FakeHttpConnection Fail(HttpTransportException e)
        {
            script.Add(e);
            return this;
        }

        public int Requests()
        {
            int count = 0;
            string text = Written;
            int at = 0;
            while ((at = text.IndexOf(" HTTP/1.1\r\n", at)) >= 0)
            {
                count++;
                at++;
            }

            return count;
        }

        public void Open(HttpTarget target, int timeoutMs)
        {
            LastOpenTimeoutMs = timeoutMs;
            Clock.Advance(OpenTakesMs);
            if (OpenFailure != null)
            {
                HttpTransportException e = OpenFailure;
                OpenFailure = null;
                throw e;
            }

            Opens++;
            IsOpen = true;
        }

        public bool IsUsable()
        {
            return IsOpen && Usable;
        }

        public void Write(byte[] data, int offset, int count, int timeoutMs)
        {
            if (!IsOpen) throw new System.InvalidOperationException("write on a closed connection");
            LastWriteTimeoutMs = timeoutMs;
            Writes++;
            written.Append(Encoding.UTF8.GetString(data, offset, count));
        }

        public int Read(byte[] data, int offset, int count, int timeoutMs)
        {
            if (!IsOpen) throw new System.InvalidOperationException("read on a closed connection");
            LastReadTimeoutMs = timeoutMs;
            if (script.Count == 0)
            {
                Clock.Advance(timeoutMs);
                throw new HttpTransportException(HttpOutcome.Timeout, "receive timed out");
            }

            object next = script[0];
            if (next == EndMark)
            {
                script.RemoveAt(0);
                return 0;
            }

            HttpTransportException failure = next as HttpTransportException;
            if (failure != null)
            {
                script.RemoveAt(0);
                throw failure;
            }

            byte[] bytes = (byte[])next;
            int n = bytes.Length < count ? bytes.Length : count;
            System.Array.Copy(bytes, 0, data, offset, n);
            if (n == bytes.Length)
            {
                script.RemoveAt(0);
            }
            else
            {
                byte[] rest = new byte[bytes.Length - n];
                System.Array.Copy(bytes, n, rest, 0, rest.Length);
                script[0] = rest;
            }

            return n;
        }

        public void Close()
        {
            if (!IsOpen) return;
            IsOpen = false;
            Closes++;
        }
    }
}
