namespace CreditFlow.Host.Tests;

/// <summary>The settings that put a test host on Microsoft's engine instead of CreditFlow's.</summary>
internal static class AzureStorageEngine
{
    /// <summary>
    /// <c>storageProvider.type</c> AzureStorage, polling at most every half second: the engine backs off an idle
    /// queue to 30 s by default, which would make a test wait that long for the next event.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"] = "AzureStorage",
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.5",

        // The engine logs every message at Information; Durable Functions' recommended host.json keeps it at Warning.
        ["AzureFunctionsJobHost__logging__LogLevel__DurableTask.AzureStorage"] = "Warning",
        ["AzureFunctionsJobHost__logging__LogLevel__DurableTask.Core"] = "Warning",
    };
}
