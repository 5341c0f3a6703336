using System;
using ChargerAgent.Core.Config;
using ChargerAgent.Core.Upload;
using ChargerAgent.Endpoint;

namespace ChargerAgent.Host.Run;

/// <summary>
/// Flatpeak credentials on the desktop: from FLATPEAK_ACCOUNT_ID, FLATPEAK_API_KEY and
/// FLATPEAK_LOCATION_ID or the configuration file, never from a command-line argument (which would
/// land in shell history and process lists).
/// </summary>
internal static class Credentials
{
    public const string AccountVariable = "FLATPEAK_ACCOUNT_ID";
    public const string KeyVariable = "FLATPEAK_API_KEY";
    public const string LocationVariable = "FLATPEAK_LOCATION_ID";

    /// <summary>Upload options for the local endpoint's test account.</summary>
    public static UploadOptions LocalEndpoint(string baseUrl, string deviceId) => new()
    {
        BaseUrl = baseUrl,
        AccountId = EndpointAccount.LocalTest.AccountId,
        ApiKey = EndpointAccount.LocalTest.ApiKey,
        LocationId = "loc_local_demo",
        ReferenceDeviceId = deviceId,
        PaceMs = 0,
    };

    /// <summary>Upload options for another endpoint, with the credentials from the environment.</summary>
    public static UploadOptions FromEnvironment(string baseUrl, string deviceId)
    {
        var options = new UploadOptions { BaseUrl = baseUrl ?? UploadOptions.DefaultBaseUrl, ReferenceDeviceId = deviceId };
        OverrideFromEnvironment(options);
        return options;
    }

    /// <summary>Replaces the credentials in <paramref name="options"/> with those set in the environment.</summary>
    public static void OverrideFromEnvironment(UploadOptions options)
    {
        options.AccountId = Environment.GetEnvironmentVariable(AccountVariable) ?? options.AccountId;
        options.ApiKey = Environment.GetEnvironmentVariable(KeyVariable) ?? options.ApiKey;
        options.LocationId = Environment.GetEnvironmentVariable(LocationVariable) ?? options.LocationId;
    }

    /// <summary>Fills missing credential keys of a configuration file from the environment.</summary>
    public static void FillFromEnvironment(ConfigValues values)
    {
        Fill(values, ConfigKeys.AccountId, AccountVariable);
        Fill(values, ConfigKeys.ApiKey, KeyVariable);
        Fill(values, ConfigKeys.LocationId, LocationVariable);
    }

    private static void Fill(ConfigValues values, string key, string variable)
    {
        string value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value) && !values.IsSet(key) && !values.TrySet(key, value, out string problem))
        {
            throw new UsageException(variable + ": " + problem);
        }
    }
}
