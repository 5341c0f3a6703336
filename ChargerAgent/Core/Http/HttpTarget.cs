namespace ChargerAgent.Core.Http
{
    /// <summary>Where a request goes: scheme, host, port and path, parsed from an absolute http(s) URL.</summary>
    public sealed class HttpTarget
    {
        /// <summary>True for https.</summary>
        public bool Secure;

        /// <summary>Host name or IPv4 address, as written in the URL.</summary>
        public string Host;

        /// <summary>TCP port (443 or 80 unless the URL gives one).</summary>
        public int Port;

        /// <summary>Path and query, starting with '/'.</summary>
        public string PathAndQuery;

        /// <summary>"host" or "host:port" for the Host header and for matching a held connection.</summary>
        public string Authority;

        /// <summary>Parses <paramref name="url"/> into <paramref name="target"/>.</summary>
        /// <returns>Null when it parsed, else the reason, one line.</returns>
        public static string TryParse(string url, HttpTarget target)
        {
            if (target == null) throw new System.ArgumentNullException(nameof(target));
            if (url == null || url.Length == 0) return "the request has no URL";
            int start;
            if (url.StartsWith("https://"))
            {
                target.Secure = true;
                start = 8;
            }
            else if (url.StartsWith("http://"))
            {
                target.Secure = false;
                start = 7;
            }
            else
            {
                return "the URL must start with https:// or http://";
            }

            int slash = url.IndexOf('/', start);
            int end = slash < 0 ? url.Length : slash;
            int query = url.IndexOf('?', start);
            if (query >= 0 && query < end) end = query;
            string authority = url.Substring(start, end - start);
            if (authority.IndexOf('@') >= 0) return "the URL must not carry credentials";
            int colon = authority.IndexOf(':');
            string host = colon < 0 ? authority : authority.Substring(0, colon);
            if (host.Length == 0) return "the URL has no host";
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                if (!ok) return "the URL's host has a character other than letters, digits, '-' and '.'";
            }

            int port = target.Secure ? 443 : 80;
            if (colon >= 0)
            {
                string digits = authority.Substring(colon + 1);
                if (digits.Length == 0 || digits.Length > 5) return "the URL's port is not a number from 1 to 65535";
                port = 0;
                for (int i = 0; i < digits.Length; i++)
                {
                    char c = digits[i];
                    if (c < '0' || c > '9') return "the URL's port is not a number from 1 to 65535";
                    port = port * 10 + (c - '0');
                }

                if (port < 1 || port > 65535) return "the URL's port is not a number from 1 to 65535";
            }

            string path = end >= url.Length ? "/" : url.Substring(end);
            if (path[0] == '?') path = "/" + path;
            int hash = path.IndexOf('#');
            if (hash >= 0) path = path.Substring(0, hash);
            for (int i = 0; i < path.Length; i++)
            {
                if (path[i] <= ' ' || path[i] > '~') return "the URL's path has a space or a character that needs percent-encoding";
            }

            target.Host = host;
            target.Port = port;
            target.PathAndQuery = path;
            target.Authority = colon < 0 ? host : host + ":" + port.ToString();
            return null;
        }
    }
}
