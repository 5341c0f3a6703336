namespace ChargerAgent.Host.Run;

/// <summary>Bytes typed for the local console, taken by the agent loop.</summary>
internal interface ITypedInput
{
    /// <summary>Takes the next chunk of typed bytes, if any.</summary>
    bool TryTake(out byte[] chunk);
}
