
namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// Reads one HTTP/1.x response as its bytes arrive: status line, headers, then the body framed
    /// by Content-Length, by chunked transfer coding, or by the end of the connection, streamed to
    /// an <see cref="IResponseBodySink"/> piece by piece. It also decides whether the connection may
    /// carry another request (see <see cref="Reusable"/>).
    /// </summary>
    /// <remarks>
    /// Anything it cannot read for certain ends the response with one error naming what was wrong
    /// (<see cref="Problem"/>): a malformed status line or header, a header block over its bound,
    /// a bad Content-Length or chunk size, both Content-Length and Transfer-Encoding, a transfer
    /// coding other than chunked, a body over its bound, or a connection that closed early. It keeps
    /// no state between responses beyond its buffers: <see cref="Begin"/> starts the next one.
    /// </remarks>
    public sealed class HttpResponseParser
    {
        /// <summary>Default bound of one status, header, chunk-size or trailer line, bytes.</summary>
        public const int DefaultMaxLineBytes = 2048;

        /// <summary>Default bound of the status line and headers together (trailers included), bytes.</summary>
        public const int DefaultMaxHeaderBytes = 8192;

        /// <summary>Default bound of a body, bytes.</summary>
        public const long DefaultMaxBodyBytes = 4L * 1024 * 1024;

        private const byte StatusLine = 0;
        private const byte HeaderLine = 1;
        private const byte FixedBody = 2;
        private const byte BodyToClose = 3;
        private const byte ChunkSize = 4;
        private const byte ChunkData = 5;
        private const byte ChunkEnd = 6;
        private const byte Trailer = 7;
        private const byte Done = 8;
        private const byte Failed = 9;

        private const int MaxChunkHexDigits = 7;

        private readonly byte[] line;
        private readonly int maxHeaderBytes;
        private readonly long maxBodyBytes;
        private IResponseBodySink body;
        private bool headRequest;
        private byte state;
        private int lineLength;
        private int headerBytes;
        private long remaining;
        private int minorVersion;
        private bool connectionClose;
        private bool connectionKeepAlive;
        private bool chunked;
        private bool sawTransferEncoding;
        private bool contentLengthSeen;

        /// <summary>Creates a parser with the default bounds.</summary>
        public HttpResponseParser() : this(DefaultMaxLineBytes, DefaultMaxHeaderBytes, DefaultMaxBodyBytes)
        {
        }

        /// <summary>Creates a parser.</summary>
        /// <param name="maxLineBytes">Longest status, header, chunk-size or trailer line, bytes.</param>
        /// <param name="maxHeaderBytes">Longest status line and headers together, trailers included, bytes.</param>
        /// <param name="maxBodyBytes">Longest body, bytes.</param>
        public HttpResponseParser(int maxLineBytes, int maxHeaderBytes, long maxBodyBytes)
        {
            if (maxLineBytes < 64) throw new System.ArgumentOutOfRangeException(nameof(maxLineBytes));
            if (maxHeaderBytes < maxLineBytes) throw new System.ArgumentOutOfRangeException(nameof(maxHeaderBytes));
            if (maxBodyBytes < 0) throw new System.ArgumentOutOfRangeException(nameof(maxBodyBytes));
            line = new byte[maxLineBytes];
            this.maxHeaderBytes = maxHeaderBytes;
            this.maxBodyBytes = maxBodyBytes;
            state = Done;
        }

        /// <summary>The status code, once the status line has been read (0 before).</summary>
        public int StatusCode { get; private set; }

        /// <summary>The Content-Type header's value, or null.</summary>
        public string ContentType { get; private set; }

        /// <summary>Seconds from the server's <c>Keep-Alive: timeout=N</c> header, or -1 when it gave none.</summary>
        public int KeepAliveTimeoutSeconds { get; private set; }

        /// <summary>From the server's <c>Keep-Alive: max=N</c> header, or -1 when it gave none.</summary>
        public int KeepAliveMax { get; private set; }

        /// <summary>Response bytes taken so far (head and body).</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Body bytes given to the sink so far.</summary>
        public long BodyBytes { get; private set; }

        /// <summary>True once the whole response has been read.</summary>
        public bool IsComplete => state == Done;

        /// <summary>True when the response could not be read; <see cref="Problem"/> says why.</summary>
        public bool HasFailed => state == Failed;

        /// <summary>Why the response could not be read, one line, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>
        /// True when the response is complete and the connection may carry another request: HTTP/1.1
        /// without <c>Connection: close</c>, or HTTP/1.0 with <c>Connection: keep-alive</c>, and a body
        /// that was not delimited by the connection's end.
        /// </summary>
        public bool Reusable
        {
            get
            {
                if (state != Done || connectionClose) return false;
                return minorVersion >= 1 || connectionKeepAlive;
            }
        }

        /// <summary>Starts reading a new response.</summary>
        /// <param name="sink">Receives the body: <see cref="IResponseBodySink.Reset"/> once the headers are read, then every piece.</param>
        /// <param name="isHeadRequest">True when the request was HEAD (the answer then has no body whatever its headers say).</param>
        public void Begin(IResponseBodySink sink, bool isHeadRequest)
        {
            if (sink == null) throw new System.ArgumentNullException(nameof(sink));
            body = sink;
            headRequest = isHeadRequest;
            state = StatusLine;
            lineLength = 0;
            headerBytes = 0;
            remaining = 0;
            minorVersion = 0;
            connectionClose = false;
            connectionKeepAlive = false;
            chunked = false;
            sawTransferEncoding = false;
            contentLengthSeen = false;
            StatusCode = 0;
            ContentType = null;
            KeepAliveTimeoutSeconds = -1;
            KeepAliveMax = -1;
            BytesReceived = 0;
            BodyBytes = 0;
            Problem = null;
        }

        /// <summary>
        /// Takes the next bytes of the response. It stops at the end of the response: bytes after
        /// it are left unconsumed (the connection then must not be reused).
        /// </summary>
        /// <returns>The number of bytes consumed.</returns>
        public int Feed(byte[] data, int offset, int count)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset + count > data.Length) throw new System.ArgumentOutOfRangeException(nameof(count));
            int at = offset;
            int end = offset + count;
            while (at < end && state != Done && state != Failed)
            {
                switch (state)
                {
                    case FixedBody:
                    {
                        int n = end - at;
                        if (n > remaining) n = (int)remaining;
                        if (!Deliver(data, at, n)) break;
                        at += n;
                        remaining -= n;
                        if (remaining == 0) state = Done;
                        break;
                    }

                    case BodyToClose:
                    case ChunkData:
                    {
                        int n = end - at;
                        if (state == ChunkData && n > remaining) n = (int)remaining;
                        if (!Deliver(data, at, n)) break;
                        at += n;
                        if (state == ChunkData)
                        {
                            remaining -= n;
                            if (remaining == 0) state = ChunkEnd;
                        }

                        break;
                    }

                    default:
                    {
                        byte b = data[at++];
                        if (b == (byte)'\n')
                        {
                            if (lineLength > 0 && line[lineLength - 1] == (byte)'\r') lineLength--;
                            int length = lineLength;
                            lineLength = 0;
                            Line(length);
                        }
                        else if (lineLength == line.Length)
                        {
                            Fail("a response line is longer than " + line.Length.ToString() + " bytes");
                        }
                        else
                        {
                            line[lineLength++] = b;
                            if (state != ChunkSize && state != ChunkEnd && ++headerBytes > maxHeaderBytes)
                            {
                                Fail("the response headers are longer than " + maxHeaderBytes.ToString() + " bytes");
                            }
                        }

                        break;
                    }
                }
            }

            BytesReceived += at - offset;
            return at - offset;
        }

        /// <summary>The connection ended (the peer closed it). Completes a body delimited by the close; anything else unfinished fails.</summary>
        public void EndOfStream()
        {
            if (state == Done || state == Failed) return;
            if (state == BodyToClose)
            {
                state = Done;
                return;
            }

            if (BytesReceived == 0)
            {
                Fail("the connection closed before any answer");
                return;
            }

            if (state == FixedBody)
            {
                Fail("the connection closed " + remaining.ToString() + " bytes before the end of the body");
                return;
            }

            Fail(state == StatusLine || state == HeaderLine ? "the connection closed inside the response headers" : "the connection closed inside the chunked body");
        }

        /// <summary>True when the connection ended before any byte of the response (a held connection the server had closed).</summary>
        public bool ClosedBeforeAnswer => state == Failed && BytesReceived == 0;

        private bool Deliver(byte[] data, int at, int n)
        {
            if (BodyBytes + n > maxBodyBytes)
            {
                Fail("the response body is longer than " + maxBodyBytes.ToString() + " bytes");
                return false;
            }

            BodyBytes += n;
            if (n > 0) body.Write(data, at, n);
            return true;
        }

        private void Fail(string problem)
        {
            state = Failed;
            Problem = problem;
        }

        private void Line(int length)
        {
            switch (state)
            {
                case StatusLine:
                    if (length == 0 && StatusCode == 0)
                    {
                        return; // a stray empty line before the status line (RFC 9112 §2.2)
                    }

                    Status(length);
                    return;
                case HeaderLine:
                    if (length == 0) HeadersEnded();
                    else Header(length);
                    return;
                case ChunkSize:
                    Chunk(length);
                    return;
                case ChunkEnd:
                    if (length != 0) Fail("a chunk is not followed by CRLF");
                    else state = ChunkSize;
                    return;
                case Trailer:
                    if (length == 0) state = Done;
                    else if (++headerBytes > maxHeaderBytes) Fail("the response trailers are longer than the header bound");
                    return;
            }
        }

        private void Status(int length)
        {
            // HTTP/1.x SP 3DIGIT [SP reason]
            if (length < 12 || !Starts("HTTP/1.") || line[7] < (byte)'0' || line[7] > (byte)'9' || line[8] != (byte)' '
                || !Digit(9) || !Digit(10) || !Digit(11) || (length > 12 && line[12] != (byte)' '))
            {
                Fail("the response does not start with an HTTP/1.x status line");
                return;
            }

            minorVersion = line[7] - '0';
            StatusCode = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            if (StatusCode < 100)
            {
                Fail("the response status " + StatusCode.ToString() + " is not a valid HTTP status");
                return;
            }

            state = HeaderLine;
        }

        private void Header(int length)
        {
            if (line[0] == (byte)' ' || line[0] == (byte)'\t')
            {
                Fail("the response has a folded header line");
                return;
            }

            int colon = -1;
            for (int i = 0; i < length; i++)
            {
                if (line[i] == (byte)':')
                {
                    colon = i;
                    break;
                }
            }

            if (colon <= 0)
            {
                Fail("the response has a header line without a name and ':'");
                return;
            }

            int start = colon + 1;
            int stop = length;
            while (start < stop && (line[start] == (byte)' ' || line[start] == (byte)'\t')) start++;
            while (stop > start && (line[stop - 1] == (byte)' ' || line[stop - 1] == (byte)'\t')) stop--;

            if (Named("content-length", colon)) ContentLength(start, stop);
            else if (Named("transfer-encoding", colon)) TransferEncoding(start, stop);
            else if (Named("connection", colon)) Connection(start, stop);
            else if (Named("keep-alive", colon)) KeepAlive(start, stop);
            else if (Named("content-type", colon)) ContentType = Text(start, stop);
        }

        private void ContentLength(int start, int stop)
        {
            if (start == stop || stop - start > 12)
            {
                Fail("the response's Content-Length is not a number");
                return;
            }

            long value = 0;
            for (int i = start; i < stop; i++)
            {
                byte c = line[i];
                if (c < (byte)'0' || c > (byte)'9')
                {
                    Fail("the response's Content-Length is not a number");
                    return;
                }

                value = value * 10 + (c - '0');
            }

            if (contentLengthSeen && value != remaining)
            {
                Fail("the response has two different Content-Length headers");
                return;
            }

            contentLengthSeen = true;
            remaining = value;
        }

        private void TransferEncoding(int start, int stop)
        {
            sawTransferEncoding = true;
            // The last coding must be chunked, and chunked is the only one read (no Accept-Encoding is sent).
            int i = start;
            bool onlyChunked = true;
            int tokens = 0;
            while (i < stop)
            {
                int tokenStart = i;
                while (i < stop && line[i] != (byte)',') i++;
                int tokenStop = i;
                while (tokenStart < tokenStop && line[tokenStart] == (byte)' ') tokenStart++;
                while (tokenStop > tokenStart && line[tokenStop - 1] == (byte)' ') tokenStop--;
                if (tokenStop > tokenStart)
                {
                    tokens++;
                    if (!Equal(tokenStart, tokenStop, "chunked")) onlyChunked = false;
                }

                i++;
            }

            if (tokens == 0 || !onlyChunked || chunked)
            {
                Fail("the response's Transfer-Encoding is not chunked alone");
                return;
            }

            chunked = true;
        }

        private void Connection(int start, int stop)
        {
            int i = start;
            while (i < stop)
            {
                int tokenStart = i;
                while (i < stop && line[i] != (byte)',') i++;
                int tokenStop = i;
                while (tokenStart < tokenStop && line[tokenStart] == (byte)' ') tokenStart++;
                while (tokenStop > tokenStart && line[tokenStop - 1] == (byte)' ') tokenStop--;
                if (Equal(tokenStart, tokenStop, "close")) connectionClose = true;
                else if (Equal(tokenStart, tokenStop, "keep-alive")) connectionKeepAlive = true;
                i++;
            }
        }

        private void KeepAlive(int start, int stop)
        {
            // Keep-Alive: timeout=5, max=100 (RFC 2068 §19.7.1.1); anything unreadable is ignored.
            int i = start;
            while (i < stop)
            {
                int tokenStart = i;
                while (i < stop && line[i] != (byte)',') i++;
                int tokenStop = i;
                while (tokenStart < tokenStop && line[tokenStart] == (byte)' ') tokenStart++;
                int value = Parameter(tokenStart, tokenStop, "timeout=");
                if (value >= 0) KeepAliveTimeoutSeconds = value;
                value = Parameter(tokenStart, tokenStop, "max=");
                if (value >= 0) KeepAliveMax = value;
                i++;
            }
        }

        private int Parameter(int start, int stop, string name)
        {
            if (stop - start <= name.Length || !Equal(start, start + name.Length, name)) return -1;
            int value = 0;
            int digits = 0;
            for (int i = start + name.Length; i < stop && line[i] != (byte)' '; i++)
            {
                byte c = line[i];
                if (c < (byte)'0' || c > (byte)'9' || ++digits > 6) return -1;
                value = value * 10 + (c - '0');
            }

            return digits == 0 ? -1 : value;
        }

        private void HeadersEnded()
        {
            if (StatusCode < 200 && StatusCode != 101)
            {
                // An interim answer (100 Continue, 103 Early Hints): the real one follows.
                int keptBytes = headerBytes;
                long received = BytesReceived;
                Begin(body, headRequest);
                headerBytes = keptBytes;
                BytesReceived = received;
                return;
            }

            if (StatusCode == 101)
            {
                Fail("the server switched protocols (101), which this client never asks for");
                return;
            }

            if (sawTransferEncoding && contentLengthSeen)
            {
                Fail("the response has both Content-Length and Transfer-Encoding");
                return;
            }

            body.Reset();
            if (headRequest || StatusCode == 204 || StatusCode == 304)
            {
                state = Done;
            }
            else if (chunked)
            {
                state = ChunkSize;
            }
            else if (contentLengthSeen)
            {
                if (remaining > maxBodyBytes)
                {
                    Fail("the response body is longer than " + maxBodyBytes.ToString() + " bytes");
                    return;
                }

                state = remaining == 0 ? Done : FixedBody;
            }
            else
            {
                // No length: the body runs to the end of the connection, which then cannot be reused.
                connectionClose = true;
                state = BodyToClose;
            }
        }

        private void Chunk(int length)
        {
            long size = 0;
            int digits = 0;
            int i = 0;
            for (; i < length; i++)
            {
                byte c = line[i];
                int v;
                if (c >= (byte)'0' && c <= (byte)'9') v = c - '0';
                else if (c >= (byte)'a' && c <= (byte)'f') v = c - 'a' + 10;
                else if (c >= (byte)'A' && c <= (byte)'F') v = c - 'A' + 10;
                else break;
                if (++digits > MaxChunkHexDigits)
                {
                    Fail("a chunk size of the response is too large");
                    return;
                }

                size = size * 16 + v;
            }

            // What may follow the digits: whitespace and chunk extensions (";name=value"), ignored.
            while (i < length && (line[i] == (byte)' ' || line[i] == (byte)'\t')) i++;
            if (digits == 0 || (i < length && line[i] != (byte)';'))
            {
                Fail("a chunk size of the response is not a hexadecimal number");
                return;
            }

            if (size == 0)
            {
                state = Trailer;
                return;
            }

            if (BodyBytes + size > maxBodyBytes)
            {
                Fail("the response body is longer than " + maxBodyBytes.ToString() + " bytes");
                return;
            }

            remaining = size;
            state = ChunkData;
        }

        private bool Starts(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (line[i] != (byte)text[i]) return false;
            }

            return true;
        }

        private bool Digit(int i)
        {
            return line[i] >= (byte)'0' && line[i] <= (byte)'9';
        }

        // Case-insensitive match of line[0..nameLength) against a lower-case name.
        private bool Named(string name, int nameLength)
        {
            return nameLength == name.Length && Equal(0, nameLength, name);
        }

        private bool Equal(int start, int stop, string lower)
        {
            if (stop - start != lower.Length) return false;
            for (int i = 0; i < lower.Length; i++)
            {
                int c = line[start + i];
                if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
                if (c != lower[i]) return false;
            }

            return true;
        }

        private string Text(int start, int stop)
        {
            char[] chars = new char[stop - start];
            for (int i = start; i < stop; i++)
            {
                byte c = line[i];
                chars[i - start] = c >= 0x20 && c < 0x7F ? (char)c : '?';
            }

            return new string(chars);
        }
    }
}
