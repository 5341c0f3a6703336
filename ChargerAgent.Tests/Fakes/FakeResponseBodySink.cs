using System.Text;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Upload;

namespace ChargerAgent.Tests.Fakes
{
    /// <summary>A body sink that keeps every byte it is given, and counts its resets.</summary>
    public sealed class FakeResponseBodySink : IResponseBodySink
    {
        private byte[] bytes = new byte[64];

        public int Length;

        public int Resets;

        public int Writes;

        public void Reset()
        {
            Resets++;
            Length = 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            if (Length + count > bytes.Length)
            {
                int size = bytes.Length * 2;
                while (size < Length + count) size *= 2;
                byte[] bigger = new byte[size];
                System.Array.Copy(bytes, bigger, Length);
                bytes = bigger;
            }

            System.Array.Copy(buffer, offset, bytes, Length, count);
            Length += count;
        }

        public string Text()
        {
            return Encoding.UTF8.GetString(bytes, 0, Length);
        }
    }
}
