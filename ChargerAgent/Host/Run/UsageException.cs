namespace ChargerAgent.Host.Run;

/// <summary>A usage or configuration error: printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : System.Exception(message);
