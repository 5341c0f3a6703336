namespace ChargerAgent.Core.Upload
{
    /// <summary>What the one request in flight is for; it decides how its answer is taken.</summary>
    public enum RequestKind : byte
    {
        /// <summary>No request is in flight.</summary>
        None = 0,

        /// <summary><c>GET /login</c> for a bearer token.</summary>
        Login = 1,

        /// <summary>The head record of the queue to <c>POST /costs/instant</c>.</summary>
        Record = 2,

        /// <summary>A set-aside record from the side file, sent again.</summary>
        SetAside = 3,

        /// <summary><c>POST /costs/session/{id}</c> for a finished session's cost.</summary>
        SessionCost = 4,

        /// <summary>The device registration through <c>/devices</c>.</summary>
        Device = 5,

        /// <summary>A price read.</summary>
        Price = 6,
    }
}
