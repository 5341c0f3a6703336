using System;
using System.Text;
using ChargerAgent.Core.Http;

namespace ChargerAgent.Core.Upload
{
    /// <summary>
    /// Reads the few fields the agent needs from Flatpeak responses, without reflection and without
    /// allocating for record responses: a meter record (<c>id</c>, <c>data.energy.value</c>,
    /// <c>data.cost.value</c> or the older <c>data.tariff.value</c>, <c>currency_code</c>), a login
    /// (<c>bearer_token</c>, <c>expires_in</c>), an error (<c>object</c>, <c>type</c>, <c>code</c>,
    /// <c>message</c>) and a session cost (sums of <c>data[]</c>). Costs are kept as millionths of the
    /// large currency unit. Every Try method returns false with <see cref="Problem"/> set for a body
    /// that is not what was expected (HTML, truncated, too large, wrong type); none throws on input.
    /// </summary>
    public sealed class ResponseReader : IJsonVisitor
    {
        /// <summary>Decimal places of the fixed-point costs (micro-units of the currency).</summary>
        public const int CostDecimals = 6;

        /// <summary>Longest record id kept.</summary>
        public const int MaxRecordIdLength = 64;

        private const byte ModeInstant = 1;
        private const byte ModeLogin = 2;
        private const byte ModeSession = 3;
        private const byte ModeError = 4;

        private readonly JsonScanner scanner = new JsonScanner();
        private readonly byte[] recordId = new byte[MaxRecordIdLength];
        private readonly byte[] currency = new byte[8];
        private readonly byte[] errorCode = new byte[32];
        private readonly byte[] errorMessage = new byte[96];
        private readonly byte[] errorType = new byte[32];
        private readonly byte[] lastCurrency = new byte[8];
        private int lastCurrencyLength = -1;
        private string currencyText;
        private byte mode;
        private int tokenStart;
        private int tokenLength;
        private bool badField;
        private bool isMeterRecord;
        private bool echoMatched;
        private bool echoMismatch;
        private byte[] expected;
        private int expectedLength;
        private readonly byte[] echo = new byte[MaxRecordIdLength];

        /// <summary>Why the last read failed (a constant text, never a secret), or null.</summary>
        public string Problem { get; private set; }

        /// <summary>Length of the record id in <see cref="RecordIdBytes"/>; 0 when none.</summary>
        public int RecordIdLength { get; private set; }

        /// <summary>The record id's UTF-8 bytes (first <see cref="RecordIdLength"/>).</summary>
        public byte[] RecordIdBytes
        {
            get { return recordId; }
        }

        /// <summary>True when <see cref="EnergyWh"/> was present.</summary>
        public bool HasEnergy { get; private set; }

        /// <summary><c>data.energy.value</c> in Wh (for a session: the sum).</summary>
        public long EnergyWh { get; private set; }

        /// <summary>True when a cost was present.</summary>
        public bool HasCost { get; private set; }

        /// <summary><c>data.cost.value</c> (or <c>data.tariff.value</c>) in millionths of the currency (for a session: the sum).</summary>
        public long CostMicros { get; private set; }

        /// <summary>The currency code, or null. The same string instance is returned while the code does not change.</summary>
        public string Currency { get; private set; }

        /// <summary>Entries of a session's <c>data[]</c>.</summary>
        public int SessionEntries { get; private set; }

        /// <summary><c>expires_in</c> of a login, seconds.</summary>
        public long ExpiresInSeconds { get; private set; }

        /// <summary>True when the body was an error object (<c>"object":"error"</c> or a <c>code</c>).</summary>
        public bool IsError { get; private set; }

        /// <summary>The error <c>code</c> as the policy sees it.</summary>
        public ApiErrorCode ErrorCode { get; private set; }

        /// <summary>Raw length of the error code in its buffer (0 when none).</summary>
        public int ErrorCodeLength { get; private set; }

        /// <summary>Length of the error <c>type</c> (e.g. <c>invalid_request</c>, <c>api_error</c>) in its buffer (0 when none).</summary>
        public int ErrorTypeLength { get; private set; }

        /// <summary>True when the error <c>type</c> equals <paramref name="type"/> (ASCII).</summary>
        public bool ErrorTypeIs(string type)
        {
            if (type.Length != ErrorTypeLength) return false;
            for (int i = 0; i < type.Length; i++)
            {
                if (errorType[i] != type[i]) return false;
            }

            return true;
        }

        /// <summary>Raw length of the error message kept (cut to 96 bytes).</summary>
        public int ErrorMessageLength { get; private set; }

        /// <summary>Reads a <c>POST /costs/instant</c> answer; true when it is a meter record (<c>"object":"meter_record"</c>) with an id.</summary>
        public bool TryReadInstant(HttpResponse response)
        {
            return TryReadInstant(response, null, 0);
        }

        /// <summary>
        /// Reads a <c>POST /costs/instant</c> answer as the acknowledgement of the record whose
        /// <c>record_reference_id</c> is the first <paramref name="expectedLength"/> bytes of
        /// <paramref name="expectedReference"/>: true only for a meter record with an id whose echoed
        /// <c>record_reference_id</c> (under <c>request</c> or <c>data</c>) is that one. A meter record
        /// that echoes none is taken, with <see cref="AcknowledgementUnverified"/> set.
        /// </summary>
        public bool TryReadInstant(HttpResponse response, byte[] expectedReference, int expectedLength)
        {
            expected = expectedReference;
            this.expectedLength = expectedReference == null ? 0 : expectedLength;
            bool ok = Begin(response, ModeInstant);
            expected = null;
            if (!ok) return false;
            if (!isMeterRecord) return Fail("the response is not a meter record");
            if (RecordIdLength == 0) return Fail("the response has no record id");
            if (echoMismatch) return Fail("the response echoes another record_reference_id");
            AcknowledgementUnverified = !echoMatched;
            return true;
        }

        /// <summary>True when the last meter record read echoed no <c>record_reference_id</c> to check.</summary>
        public bool AcknowledgementUnverified { get; private set; }

        /// <summary>Reads a <c>GET /login</c> answer; on success returns the token through <paramref name="bearerToken"/> (a secret).</summary>
        public bool TryReadLogin(HttpResponse response, out string bearerToken)
        {
            bearerToken = null;
            if (!Begin(response, ModeLogin)) return false;
            if (tokenLength == 0) return Fail("the response has no bearer_token");
            if (ExpiresInSeconds <= 0) return Fail("the response has no positive expires_in");
            byte[] token = new byte[tokenLength];
            int n = scanner.CopyString(tokenStart, tokenLength, token, 0, tokenLength);
            if (n <= 0) return Fail("the bearer_token is unreadable");
            for (int i = 0; i < n; i++)
            {
                if (token[i] < 0x21 || token[i] > 0x7E) return Fail("the bearer_token has characters a header cannot carry");
            }

            bearerToken = Encoding.UTF8.GetString(token, 0, n);
            return true;
        }

        /// <summary>Reads a <c>POST /costs/session/{id}</c> answer; true when it has a <c>data</c> member (possibly empty).</summary>
        public bool TryReadSession(HttpResponse response)
        {
            return Begin(response, ModeSession);
        }

        /// <summary>Reads an error body (any status); false when there is none or it is unreadable (then the status alone decides).</summary>
        public bool TryReadError(HttpResponse response)
        {
            if (!Begin(response, ModeError)) return false;
            return IsError;
        }

        /// <summary>The record id as text (allocates; for the console).</summary>
        public string RecordIdText()
        {
            return RecordIdLength == 0 ? null : Encoding.UTF8.GetString(recordId, 0, RecordIdLength);
        }

        /// <summary>The error code and message, ASCII-only, for people; never longer than about 130 characters (allocates).</summary>
        public string ErrorText()
        {
            if (!IsError) return null;
            char[] chars = new char[ErrorCodeLength + 2 + ErrorMessageLength];
            int n = 0;
            for (int i = 0; i < ErrorCodeLength; i++) chars[n++] = Printable(errorCode[i]);
            if (ErrorMessageLength > 0)
            {
                chars[n++] = ':';
                chars[n++] = ' ';
                for (int i = 0; i < ErrorMessageLength; i++) chars[n++] = Printable(errorMessage[i]);
            }

            return new string(chars, 0, n);
        }

        /// <summary>True when the error code equals <paramref name="code"/> (ASCII).</summary>
        public bool ErrorCodeIs(string code)
        {
            if (code.Length != ErrorCodeLength) return false;
            for (int i = 0; i < code.Length; i++)
            {
                if (errorCode[i] != code[i]) return false;
            }

            return true;
        }

        /// <inheritdoc />
        public void OnScalar(JsonScanner s, JsonKind kind, int start, int length)
        {
            int depth = s.Depth;
            if (depth == 1)
            {
                if (s.KeyIs(0, "object") && kind == JsonKind.String)
                {
                    if (s.StringEquals(start, length, "error")) IsError = true;
                    else if (s.StringEquals(start, length, "meter_record")) isMeterRecord = true;
                }
                else if (s.KeyIs(0, "code") && kind == JsonKind.String)
                {
                    IsError = true;
                    int n = s.CopyString(start, length, errorCode, 0, errorCode.Length);
                    ErrorCodeLength = n < 0 ? errorCode.Length : n;
                    ErrorCode = Classify(s, start, length);
                }
                else if (s.KeyIs(0, "type") && kind == JsonKind.String)
                {
                    int n = s.CopyString(start, length, errorType, 0, errorType.Length);
                    ErrorTypeLength = n < 0 ? errorType.Length : n;
                }
                else if (s.KeyIs(0, "message") && kind == JsonKind.String)
                {
                    int n = CopyPrefix(s, start, length, errorMessage);
                    ErrorMessageLength = n;
                }
                else if (s.KeyIs(0, "currency_code") && kind == JsonKind.String)
                {
                    int n = s.CopyString(start, length, currency, 0, currency.Length);
                    if (n <= 0) badField = true;
                    else SetCurrency(n);
                }
                else if (mode == ModeInstant && s.KeyIs(0, "id"))
                {
                    if (kind != JsonKind.String) badField = true;
                    else
                    {
                        int n = s.CopyString(start, length, recordId, 0, recordId.Length);
                        if (n < 0) badField = true;
                        else RecordIdLength = n;
                    }
                }
                else if (mode == ModeLogin && s.KeyIs(0, "bearer_token"))
                {
                    if (kind != JsonKind.String) badField = true;
                    tokenStart = start;
                    tokenLength = length;
                }
                else if (mode == ModeLogin && s.KeyIs(0, "expires_in"))
                {
                    if (kind != JsonKind.Number || !s.TryReadFixed(start, length, 0, out long seconds)) badField = true;
                    else ExpiresInSeconds = seconds;
                }

                return;
            }

            if (mode == ModeInstant && depth == 2 && s.KeyIs(1, "record_reference_id") && (s.KeyIs(0, "request") || s.KeyIs(0, "data")))
            {
                ReadEcho(s, kind, start, length);
                return;
            }

            if (mode == ModeInstant && depth == 3 && s.KeyIs(0, "data") && s.KeyIs(2, "value"))
            {
                if (s.KeyIs(1, "energy")) ReadEnergy(s, kind, start, length, false);
                else if (s.KeyIs(1, "cost")) ReadCost(s, kind, start, length, false, true);
                else if (s.KeyIs(1, "tariff")) ReadCost(s, kind, start, length, false, false);
                return;
            }

            if (mode == ModeSession && depth == 4 && s.KeyIs(0, "data") && s.IsArrayItemAt(1) && s.KeyIs(3, "value"))
            {
                if (s.IndexAt(1) + 1 > SessionEntries) SessionEntries = s.IndexAt(1) + 1;
                if (s.KeyIs(2, "energy")) ReadEnergy(s, kind, start, length, true);
                else if (s.KeyIs(2, "cost") || s.KeyIs(2, "tariff")) ReadCost(s, kind, start, length, true, true);
            }
        }

        private void ReadEcho(JsonScanner s, JsonKind kind, int start, int length)
        {
            if (expected == null) return;
            int n = kind == JsonKind.String ? s.CopyString(start, length, echo, 0, echo.Length) : -1;
            bool same = n == expectedLength;
            for (int i = 0; same && i < n; i++) same = echo[i] == expected[i];
            if (same) echoMatched = true;
            else echoMismatch = true;
        }

        private void ReadEnergy(JsonScanner s, JsonKind kind, int start, int length, bool sum)
        {
            if (kind == JsonKind.Null) return;
            if (kind != JsonKind.Number || !s.TryReadFixed(start, length, 0, out long wh))
            {
                badField = true;
                return;
            }

            EnergyWh = sum ? EnergyWh + wh : wh;
            HasEnergy = true;
        }

        private void ReadCost(JsonScanner s, JsonKind kind, int start, int length, bool sum, bool preferred)
        {
            if (kind == JsonKind.Null) return;
            if (kind != JsonKind.Number || !s.TryReadFixed(start, length, CostDecimals, out long micros))
            {
                badField = true;
                return;
            }

            if (sum) CostMicros += micros;
            else if (preferred || !HasCost) CostMicros = micros;
            HasCost = true;
        }

        private bool Begin(HttpResponse response, byte readMode)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            mode = readMode;
            Problem = null;
            RecordIdLength = 0;
            HasEnergy = false;
            EnergyWh = 0;
            HasCost = false;
            CostMicros = 0;
            SessionEntries = 0;
            ExpiresInSeconds = 0;
            IsError = false;
            ErrorCode = ApiErrorCode.Unknown;
            ErrorCodeLength = 0;
            ErrorTypeLength = 0;
            ErrorMessageLength = 0;
            tokenStart = 0;
            tokenLength = 0;
            badField = false;
            isMeterRecord = false;
            echoMatched = false;
            echoMismatch = false;
            AcknowledgementUnverified = false;
            Currency = null;
            if (response.BodyTruncated) return Fail("the response is too large");
            if (response.Body == null || response.BodyLength <= 0) return Fail("the response is empty");
            if (response.BodyLength > response.Body.Length) return Fail("the response length is wrong");
            if (response.ContentType != null && !ContainsJson(response.ContentType)) return Fail("the response is not JSON (content type)");
            if (!scanner.Scan(response.Body, 0, response.BodyLength, this)) return Fail(scanner.Error);
            if (response.Body[FirstNonSpace(response)] != '{') return Fail("the response is not a JSON object");
            if (badField) return Fail("a field of the response has the wrong type");
            return true;
        }

        private static int FirstNonSpace(HttpResponse response)
        {
            int i = 0;
            while (i < response.BodyLength - 1 && response.Body[i] <= ' ') i++;
            return i;
        }

        private void SetCurrency(int n)
        {
            bool same = n == lastCurrencyLength;
            for (int i = 0; same && i < n; i++) same = currency[i] == lastCurrency[i];
            if (!same)
            {
                Array.Copy(currency, lastCurrency, n);
                lastCurrencyLength = n;
                currencyText = Encoding.UTF8.GetString(currency, 0, n);
            }

            Currency = currencyText;
        }

        private static ApiErrorCode Classify(JsonScanner s, int start, int length)
        {
            if (s.StringEquals(start, length, "invalid_request")) return ApiErrorCode.InvalidRequest;
            if (s.StringEquals(start, length, "no_price_data")) return ApiErrorCode.NoPriceData;
            if (s.StringEquals(start, length, "pending_connect")) return ApiErrorCode.PendingConnect;
            if (s.StringEquals(start, length, "account_disabled")) return ApiErrorCode.AccountDisabled;
            if (s.StringEquals(start, length, "rate_limit")) return ApiErrorCode.RateLimit;
            if (s.StringEquals(start, length, "api_error")) return ApiErrorCode.ApiError;
            return ApiErrorCode.Unknown;
        }

        private static int CopyPrefix(JsonScanner s, int start, int length, byte[] into)
        {
            int n = s.CopyString(start, length, into, 0, into.Length);
            if (n >= 0) return n;
            int take = length < into.Length ? length : into.Length;
            Array.Copy(s.Data, start, into, 0, take);

            // Cut: a word the cut runs through may be the start of an echoed key or token, which
            // no redaction could recognise in part. Drop that word whole.
            while (take > 0 && IsWordByte(into[take - 1])) take--;
            return take;
        }

        private static bool IsWordByte(byte b)
        {
            return (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9')
                || b == (byte)'_' || b == (byte)'-' || b == (byte)'.' || b == (byte)'+' || b == (byte)'/' || b == (byte)'=' || b >= 0x80;
        }

        private static char Printable(byte b)
        {
            return b >= 0x20 && b <= 0x7E ? (char)b : '?';
        }

        /// <summary>True when a Content-Type names JSON.</summary>
        public static bool IsJsonContentType(string contentType)
        {
            return ContainsJson(contentType);
        }

        private static bool ContainsJson(string contentType)
        {
            for (int i = 0; i + 4 <= contentType.Length; i++)
            {
                if ((contentType[i] | 0x20) == 'j' && (contentType[i + 1] | 0x20) == 's'
                    && (contentType[i + 2] | 0x20) == 'o' && (contentType[i + 3] | 0x20) == 'n')
                {
                    return true;
                }
            }

            return false;
        }

        private bool Fail(string reason)
        {
            Problem = reason;
            return false;
        }
    }
}
