using System;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Reads a <c>POST /costs/session/{id}</c> answer of any length as it streams in, holding one
    /// <c>data[]</c> entry at a time (at most <see cref="MaxEntryBytes"/>): each entry is read whole
    /// by <see cref="ResponseReader"/> and its energy and cost added to the sums. So an overnight
    /// session's answer (thousands of bytes) costs the same memory as a short one.
    /// </summary>
    /// <remarks>
    /// Only the top-level member named literally <c>data</c> is summed (an escaped name is not
    /// recognised there, and then the session shows as not available). An entry longer than
    /// <see cref="MaxEntryBytes"/>, an entry that is not an object, a body that is not one JSON
    /// object, or one that ends early makes the whole answer unreadable (<see cref="Problem"/>).
    /// </remarks>
    public sealed class SessionCostSink : IResponseBodySink
    {
        /// <summary>Longest <c>data[]</c> entry read.</summary>
        public const int MaxEntryBytes = 1024;

        private static readonly byte[] Prefix = JsonText.AsciiBytes("{\"data\":[");
        private static readonly byte[] Suffix = JsonText.AsciiBytes("]}");

        private readonly ResponseReader reader = new ResponseReader();
        private readonly HttpResponse entry = new HttpResponse();
        private readonly byte[] key = new byte[8];
        private int keyLength;
        private int stringLength;
        private bool started;
        private bool ended;
        private int depth;
        private bool inString;
        private bool escape;
        private bool keyIsData;
        private bool inData;
        private bool dataSeen;
        private int entryLength;

        /// <summary>Creates the sink with its one entry buffer.</summary>
        public SessionCostSink()
        {
            entry.Body = new byte[Prefix.Length + MaxEntryBytes + Suffix.Length];
            entry.Outcome = HttpOutcome.Completed;
            entry.StatusCode = 200;
            Reset();
        }

        /// <summary>Entries of <c>data[]</c> read.</summary>
        public int Entries { get; private set; }

        /// <summary>Sum of the entries' energy, Wh.</summary>
        public long EnergyWh { get; private set; }

        /// <summary>Sum of the entries' costs, millionths of the currency.</summary>
        public long CostMicros { get; private set; }

        /// <summary>True when at least one entry had a cost.</summary>
        public bool HasCost { get; private set; }

        /// <summary>Bytes taken since <see cref="Reset"/>.</summary>
        public long BytesRead { get; private set; }

        /// <summary>Why the answer is unreadable (a constant text), or null.</summary>
        public string Problem { get; private set; }

        /// <summary>True when the whole body was one JSON object with every <c>data[]</c> entry read.</summary>
        public bool IsComplete
        {
            get { return Problem == null && started && ended; }
        }

        /// <inheritdoc />
        public void Reset()
        {
            Entries = 0;
            EnergyWh = 0;
            CostMicros = 0;
            HasCost = false;
            BytesRead = 0;
            Problem = null;
            started = false;
            ended = false;
            depth = 0;
            inString = false;
            escape = false;
            keyIsData = false;
            inData = false;
            dataSeen = false;
            keyLength = 0;
            stringLength = 0;
            entryLength = 0;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            BytesRead += count;
            for (int i = offset; i < offset + count && Problem == null; i++) Take(buffer[i]);
        }

        private void Take(byte b)
        {
            if (inData && depth >= 3)
            {
                if (entryLength >= MaxEntryBytes)
                {
                    Problem = "a session entry is too large";
                    return;
                }

                entry.Body[Prefix.Length + entryLength++] = b;
            }

            if (inString)
            {
                if (escape) escape = false;
                else if (b == '\\') escape = true;
                else if (b == '"') inString = false;
                else if (depth == 1 && stringLength < key.Length) key[stringLength++] = b;
                else if (depth == 1) stringLength = key.Length + 1;
                if (!inString && depth == 1) keyLength = stringLength;
                return;
            }

            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') return;
            if (ended)
            {
                Problem = "the response has data after its end";
                return;
            }

            if (!started)
            {
                if (b != '{')
                {
                    Problem = "the response is not a JSON object";
                    return;
                }

                started = true;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    stringLength = 0;
                    break;
                case (byte)':':
                    if (depth == 1) keyIsData = keyLength == 4 && key[0] == 'd' && key[1] == 'a' && key[2] == 't' && key[3] == 'a';
                    break;
                case (byte)'{':
                case (byte)'[':
                    if (inData && depth == 2)
                    {
                        if (b != '{')
                        {
                            Problem = "a session entry is not an object";
                            return;
                        }

                        entryLength = 0;
                        entry.Body[Prefix.Length + entryLength++] = b;
                    }
                    else if (depth == 1 && keyIsData && b == '[' && !dataSeen)
                    {
                        inData = true;
                        dataSeen = true;
                    }

                    if (depth == 1) keyIsData = false;
                    depth++;
                    if (depth > 32) Problem = "the response is nested too deeply";
                    break;
                case (byte)'}':
                case (byte)']':
                    depth--;
                    if (depth < 0)
                    {
                        Problem = "the response is not valid JSON";
                        return;
                    }

                    if (inData && depth == 2) FinishEntry();
                    else if (inData && depth == 1) inData = false;
                    if (depth == 0) ended = true;
                    break;
                default:
                    if (depth == 1) keyIsData = false;
                    break;
            }
        }

        private void FinishEntry()
        {
            Array.Copy(Prefix, 0, entry.Body, 0, Prefix.Length);
            Array.Copy(Suffix, 0, entry.Body, Prefix.Length + entryLength, Suffix.Length);
            entry.BodyLength = Prefix.Length + entryLength + Suffix.Length;
            entry.BodyTruncated = false;
            entry.ContentType = null;
            if (!reader.TryReadSession(entry))
            {
                Problem = "a session entry is unreadable: " + reader.Problem;
                return;
            }

            Entries++;
            EnergyWh += reader.EnergyWh;
            CostMicros += reader.CostMicros;
            if (reader.HasCost) HasCost = true;
        }
    }
}
