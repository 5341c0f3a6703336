using System;

namespace ChargerAgent.Endpoint;

/// <summary>An account the endpoint accepts at GET /login (HTTP Basic account_id:api_key).</summary>
public sealed class EndpointAccount
{
    /// <summary>An account; keys starting sk_live_ log in to live mode, others to test mode.</summary>
    public EndpointAccount(string accountId, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (accountId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("an account id cannot contain ':'", nameof(accountId));
        }

        AccountId = accountId;
        ApiKey = apiKey;
    }

    /// <summary>The local test account: acc_local_test with key sk_test_local (a key for this endpoint only).</summary>
    public static EndpointAccount LocalTest { get; } = new("acc_local_test", "sk_test_local");

    /// <summary>Account id (the Basic user name).</summary>
    public string AccountId { get; }

    /// <summary>API key (the Basic password). A secret: never logged.</summary>
    public string ApiKey { get; }

    /// <summary>True for sk_live_ keys.</summary>
    public bool LiveMode => ApiKey.StartsWith("sk_live_", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => AccountId;
}
