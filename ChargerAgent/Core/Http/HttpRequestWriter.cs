
namespace ChargerAgent.Core.Http
{
    /// <summary>
    /// Writes an HTTP/1.1 request head (request line and headers, ASCII) into a reused buffer. The
    /// body, when there is one, follows it unchanged with its length in Content-Length; no header
    /// value may hold a control character (a CR or LF would let a value start a header of its own).
    /// </summary>
    public static class HttpRequestWriter
    {
        /// <summary>Writes the head of <paramref name="request"/> to <paramref name="target"/> into <paramref name="buffer"/>.</summary>
        /// <param name="request">The request (method, authorization, content type, body length).</param>
        /// <param name="target">Its parsed URL.</param>
        /// <param name="keepAlive">False to ask the server to close after the answer.</param>
        /// <param name="buffer">Where the head goes, from 0.</param>
        /// <param name="length">Bytes written.</param>
        /// <returns>Null when written, else the reason, one line (never quoting a header's value).</returns>
        public static string TryWrite(HttpRequest request, HttpTarget target, bool keepAlive, byte[] buffer, out int length)
        {
            length = 0;
            if (request == null) throw new System.ArgumentNullException(nameof(request));
            if (target == null) throw new System.ArgumentNullException(nameof(target));
            if (buffer == null) throw new System.ArgumentNullException(nameof(buffer));
            string method = request.Method == null ? "POST" : request.Method;
            if (method != "GET" && method != "POST") return "the request method must be GET or POST";
            int bodyLength = request.Body == null ? 0 : request.BodyLength;
            if (bodyLength < 0 || (request.Body != null && bodyLength > request.Body.Length)) return "the request's body length is outside its buffer";
            if (!IsValue(request.Authorization)) return "the Authorization value has a control character";
            if (!IsValue(request.ContentType)) return "the Content-Type value has a control character";
            if (!IsValue(request.ApiVersion)) return "the API version value has a control character";

            int at = 0;
            at = Put(buffer, at, method);
            at = Put(buffer, at, " ");
            at = Put(buffer, at, target.PathAndQuery);
            at = Put(buffer, at, " HTTP/1.1\r\nHost: ");
            at = Put(buffer, at, target.Authority);
            at = Put(buffer, at, "\r\nAccept: application/json\r\n");
            if (request.Authorization != null)
            {
                at = Put(buffer, at, "Authorization: ");
                at = Put(buffer, at, request.Authorization);
                at = Put(buffer, at, "\r\n");
            }

            if (request.ApiVersion != null)
            {
                at = Put(buffer, at, HttpRequest.ApiVersionHeader);
                at = Put(buffer, at, ": ");
                at = Put(buffer, at, request.ApiVersion);
                at = Put(buffer, at, "\r\n");
            }

            if (bodyLength > 0 && request.ContentType != null)
            {
                at = Put(buffer, at, "Content-Type: ");
                at = Put(buffer, at, request.ContentType);
                at = Put(buffer, at, "\r\n");
            }

            if (method == "POST")
            {
                at = Put(buffer, at, "Content-Length: ");
                at = Put(buffer, at, bodyLength.ToString());
                at = Put(buffer, at, "\r\n");
            }

            at = Put(buffer, at, keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
            if (at < 0) return "the request head is longer than its " + buffer.Length.ToString() + "-byte buffer";
            length = at;
            return null;
        }

        private static bool IsValue(string value)
        {
            if (value == null) return true;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < ' ' || c > '~') return false;
            }

            return true;
        }

        // Returns the next position, or -1 once the buffer is full (and stays -1).
        private static int Put(byte[] buffer, int at, string text)
        {
            if (at < 0) return -1;
            if (at + text.Length > buffer.Length) return -1;
            for (int i = 0; i < text.Length; i++) buffer[at + i] = (byte)text[i];
            return at + text.Length;
        }
    }
}
