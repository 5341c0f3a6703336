using System;
using ChargerAgent.Core.Http;
using ChargerAgent.Core.Time;

namespace ChargerAgent.Core.Upload.Prices
{
    /// <summary>
    /// Reads a <c>POST /prices/{location_id}</c> answer as it streams in, in fixed memory whatever its
    /// length: a small JSON tokenizer that keeps only <c>currency_code</c>, <c>location_timezone</c>,
    /// <c>next_update</c> and, per <c>data[]</c> item, <c>valid_from</c>, <c>valid_to</c>,
    /// <c>price.value</c> and <c>price.confidence</c>. Slots past <see cref="PriceCache.Capacity"/>
    /// are counted in <see cref="Dropped"/>, not kept. Bad JSON (HTML, truncated, too deep) ends the
    /// read with <see cref="Problem"/> set; nothing here throws on input.
    /// </summary>
    public sealed class PriceStreamReader : IResponseBodySink
    {
        /// <summary>Deepest nesting followed.</summary>
        public const int MaxDepth = 8;

        private const int KeyBytes = 24;
        private const int TextBytes = 64;
        private const byte Object = 1;
        private const byte Array = 2;

        private const byte StateValue = 0;
        private const byte StateValueOrEnd = 1;
        private const byte StateKeyOrEnd = 2;
        private const byte StateKey = 3;
        private const byte StateColon = 4;
        private const byte StateAfter = 5;
        private const byte StateString = 6;
        private const byte StateNumber = 7;
        private const byte StateLiteral = 8;
        private const byte StateDone = 9;

        private readonly byte[] kind = new byte[MaxDepth];
        private readonly byte[][] keys = new byte[MaxDepth][];
        private readonly int[] keyLength = new int[MaxDepth];
        private readonly byte[] text = new byte[TextBytes];
        private readonly JsonScanner numberScanner = new JsonScanner();
        private readonly NumberVisitor number = new NumberVisitor();
        private readonly long[] slotFrom = new long[PriceCache.Capacity];
        private readonly long[] slotTo = new long[PriceCache.Capacity];
        private readonly long[] slotPrice = new long[PriceCache.Capacity];
        private readonly int[] slotConfidence = new int[PriceCache.Capacity];

        private int depth;
        private byte state;
        private bool stringIsKey;
        private bool escaped;
        private int unicodeLeft;
        private int textLength;
        private bool textTooLong;
        private bool started;
        private long itemFrom;
        private long itemTo;
        private long itemPrice;
        private int itemConfidence;
        private bool itemHasFrom;
        private bool itemHasTo;
        private bool itemHasPrice;

        /// <summary>A reader (call <see cref="Reset"/> before each answer; the transport does).</summary>
        public PriceStreamReader()
        {
            for (int i = 0; i < MaxDepth; i++) keys[i] = new byte[KeyBytes];
            Reset();
        }

        /// <summary>Why the read failed (a constant text), or null.</summary>
        public string Problem { get; private set; }

        /// <summary>Bytes taken so far.</summary>
        public long BytesRead { get; private set; }

        /// <summary>True once <see cref="Reset"/> was called for the current answer.</summary>
        public bool Started
        {
            get { return started; }
        }

        /// <summary>Slots read and kept.</summary>
        public int SlotCount { get; private set; }

        /// <summary>Slots read but not kept (more than <see cref="PriceCache.Capacity"/>).</summary>
        public int Dropped { get; private set; }

        /// <summary>Items of <c>data[]</c> without a usable <c>valid_from</c>, <c>valid_to</c> or <c>price.value</c>.</summary>
        public int Incomplete { get; private set; }

        /// <summary><c>currency_code</c>, or null.</summary>
        public string Currency { get; private set; }

        /// <summary><c>location_timezone</c>, or null.</summary>
        public string LocationTimezone { get; private set; }

        /// <summary><c>next_update</c> as UTC Unix seconds, 0 when absent or unreadable.</summary>
        public long NextUpdate { get; private set; }

        /// <summary>Start of kept slot <paramref name="i"/>.</summary>
        public long SlotFrom(int i) => slotFrom[i];

        /// <summary>End of kept slot <paramref name="i"/>.</summary>
        public long SlotTo(int i) => slotTo[i];

        /// <summary>Price of kept slot <paramref name="i"/>, millionths of the currency per kWh.</summary>
        public long SlotPriceMicros(int i) => slotPrice[i];

        /// <summary>Confidence of kept slot <paramref name="i"/>, thousandths, -1 when absent.</summary>
        public int SlotConfidencePermille(int i) => slotConfidence[i];

        /// <inheritdoc />
        public void Reset()
        {
            depth = 0;
            state = StateValue;
            Problem = null;
            BytesRead = 0;
            SlotCount = 0;
            Dropped = 0;
            Incomplete = 0;
            Currency = null;
            LocationTimezone = null;
            NextUpdate = 0;
            started = true;
            ClearItem();
        }

        /// <summary>Forgets that an answer began (so a transport that never called <see cref="Reset"/> can be told apart).</summary>
        public void Arm()
        {
            Reset();
            started = false;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length) return;
            started = true;
            for (int i = 0; i < count && Problem == null; i++)
            {
                BytesRead++;
                Take(buffer[offset + i]);
            }
        }

        /// <summary>Ends the answer; true when it was one whole JSON value.</summary>
        public bool Finish()
        {
            if (Problem != null) return false;
            if (state == StateNumber && depth == 0) return true;
            if (state != StateDone)
            {
                Problem = BytesRead == 0 ? "empty body" : "the answer ended inside its JSON value";
                return false;
            }

            return true;
        }

        private void Take(byte c)
        {
            switch (state)
            {
                case StateString:
                    TakeString(c);
                    return;
                case StateNumber:
                    if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')
                    {
                        Keep(c);
                        return;
                    }

                    EndNumber();
                    if (Problem == null) Take(c);
                    return;
                case StateLiteral:
                    if (c >= 'a' && c <= 'z')
                    {
                        Keep(c);
                        return;
                    }

                    EndLiteral();
                    if (Problem == null) Take(c);
                    return;
            }

            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return;
            switch (state)
            {
                case StateValue:
                case StateValueOrEnd:
                    if (state == StateValueOrEnd && c == ']')
                    {
                        Close(Array);
                        return;
                    }

                    BeginValue(c);
                    return;
                case StateKeyOrEnd:
                case StateKey:
                    if (state == StateKeyOrEnd && c == '}')
                    {
                        Close(Object);
                        return;
                    }

                    if (c != '"')
                    {
                        Fail("a member name was expected");
                        return;
                    }

                    BeginText(true);
                    return;
                case StateColon:
                    if (c != ':') Fail("':' was expected");
                    else state = StateValue;
                    return;
                case StateAfter:
                    if (c == ',')
                    {
                        state = kind[depth - 1] == Object ? StateKey : StateValue;
                        return;
                    }

                    if (c == '}') Close(Object);
                    else if (c == ']') Close(Array);
                    else Fail("',' or the end of a container was expected");
                    return;
                default:
                    Fail("text after the JSON value");
                    return;
            }
        }

        private void BeginValue(byte c)
        {
            if (c == '{' || c == '[')
            {
                if (depth == MaxDepth)
                {
                    Fail("nested too deep");
                    return;
                }

                kind[depth] = c == '{' ? Object : Array;
                keyLength[depth] = 0;
                depth++;
                if (depth == 3 && c == '{' && IsDataItem(3)) ClearItem();
                state = c == '{' ? StateKeyOrEnd : StateValueOrEnd;
                return;
            }

            if (c == '"')
            {
                BeginText(false);
                return;
            }

            textLength = 0;
            textTooLong = false;
            Keep(c);
            if (c == '-' || (c >= '0' && c <= '9')) state = StateNumber;
            else if (c == 't' || c == 'f' || c == 'n') state = StateLiteral;
            else Fail("a JSON value was expected");
        }

        private void BeginText(bool isKey)
        {
            stringIsKey = isKey;
            escaped = false;
            unicodeLeft = 0;
            textLength = 0;
            textTooLong = false;
            state = StateString;
        }

        private void TakeString(byte c)
        {
            if (unicodeLeft > 0)
            {
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex) Fail("a bad \\u escape");
                unicodeLeft--;
                return;
            }

            if (escaped)
            {
                escaped = false;
                if (c == 'u')
                {
                    unicodeLeft = 4;
                    Keep((byte)'?');
                }
                else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') Keep(c);
                else Fail("a bad escape");
                return;
            }

            if (c == '\\')
            {
                escaped = true;
                return;
            }

            if (c < 0x20)
            {
                Fail("a control character inside a string");
                return;
            }

            if (c != '"')
            {
                Keep(c);
                return;
            }

            if (stringIsKey)
            {
                int level = depth - 1;
                int n = textTooLong || textLength > KeyBytes ? -1 : textLength;
                if (n > 0) System.Array.Copy(text, keys[level], n);
                keyLength[level] = n;
                state = StateColon;
                return;
            }

            OnString();
            state = depth == 0 ? StateDone : StateAfter;
        }

        private void EndNumber()
        {
            if (textTooLong || !numberScanner.Scan(text, 0, textLength, number))
            {
                Fail("a bad number");
                return;
            }

            if (depth == 4 && IsDataItem(3) && KeyIs(2, "price") && kind[3] == Object)
            {
                if (KeyIs(3, "value"))
                {
                    itemHasPrice = numberScanner.TryReadFixed(number.Start, number.Length, 6, out itemPrice);
                }
                else if (KeyIs(3, "confidence") && numberScanner.TryReadFixed(number.Start, number.Length, 3, out long permille))
                {
                    itemConfidence = permille < 0 ? 0 : permille > 1000 ? 1000 : (int)permille;
                }
            }

            state = depth == 0 ? StateDone : StateAfter;
        }

        private void EndLiteral()
        {
            bool ok = Is("true") || Is("false") || Is("null");
            if (!ok)
            {
                Fail("a bad literal");
                return;
            }

            state = depth == 0 ? StateDone : StateAfter;
        }

        private void OnString()
        {
            if (textTooLong) return;
            if (depth == 1 && kind[0] == Object)
            {
                if (KeyIs(0, "currency_code")) Currency = Text();
                else if (KeyIs(0, "location_timezone") && textLength <= PriceCache.MaxTimezoneLength) LocationTimezone = Text();
                else if (KeyIs(0, "next_update") && Rfc3339.TryParse(Text(), out long next)) NextUpdate = next;
                return;
            }

            if (depth == 3 && IsDataItem(3))
            {
                if (KeyIs(2, "valid_from")) itemHasFrom = Rfc3339.TryParse(Text(), out itemFrom);
                else if (KeyIs(2, "valid_to")) itemHasTo = Rfc3339.TryParse(Text(), out itemTo);
            }
        }

        private void Close(byte container)
        {
            if (depth == 0 || kind[depth - 1] != container)
            {
                Fail("a container closed that was not open");
                return;
            }

            bool item = container == Object && depth == 3 && IsDataItem(3);
            depth--;
            if (item) CommitItem();
            state = depth == 0 ? StateDone : StateAfter;
        }

        /// <summary>True when, with <paramref name="levels"/> containers open, the third is an item of the root's <c>data</c> array.</summary>
        private bool IsDataItem(int levels)
        {
            return levels >= 3 && kind[0] == Object && KeyIs(0, "data") && kind[1] == Array && kind[2] == Object;
        }

        private void CommitItem()
        {
            if (!itemHasFrom || !itemHasTo || !itemHasPrice || itemTo <= itemFrom)
            {
                Incomplete++;
            }
            else if (SlotCount == PriceCache.Capacity)
            {
                Dropped++;
            }
            else
            {
                slotFrom[SlotCount] = itemFrom;
                slotTo[SlotCount] = itemTo;
                slotPrice[SlotCount] = itemPrice;
                slotConfidence[SlotCount] = itemConfidence;
                SlotCount++;
            }

            ClearItem();
        }

        private void ClearItem()
        {
            itemHasFrom = false;
            itemHasTo = false;
            itemHasPrice = false;
            itemConfidence = -1;
        }

        private void Keep(byte c)
        {
            if (textLength == TextBytes)
            {
                textTooLong = true;
                return;
            }

            text[textLength++] = c;
        }

        private bool KeyIs(int level, string name)
        {
            if (keyLength[level] != name.Length) return false;
            byte[] key = keys[level];
            for (int i = 0; i < name.Length; i++)
            {
                if (key[i] != name[i]) return false;
            }

            return true;
        }

        private bool Is(string literal)
        {
            if (textLength != literal.Length) return false;
            for (int i = 0; i < literal.Length; i++)
            {
                if (text[i] != literal[i]) return false;
            }

            return true;
        }

        private string Text()
        {
            char[] chars = new char[textLength];
            for (int i = 0; i < textLength; i++) chars[i] = text[i] < 0x80 ? (char)text[i] : '?';
            return new string(chars);
        }

        private void Fail(string reason)
        {
            if (Problem == null) Problem = reason;
        }

        private sealed class NumberVisitor : IJsonVisitor
        {
            public int Start;
            public int Length;

            public void OnScalar(JsonScanner scanner, JsonKind kind, int start, int length)
            {
                Start = start;
                Length = length;
            }
        }
    }
}
