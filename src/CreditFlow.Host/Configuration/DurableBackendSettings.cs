using CreditFlow.Durable;
using CreditFlow.Durable.AzureStorage;

namespace CreditFlow.Host.Configuration;

/// <summary>
/// Reads host.json's <c>storageProvider.type</c> and, for Microsoft's engine, its own settings (named as in
/// Durable Functions); the settings both engines share come from the CreditFlow engine's options already read.
/// </summary>
internal static class DurableBackendSettings
{
    private const string Section = FunctionAppSettingsLoader.HostSection + ":extensions:durableTask";
    private const string Display = "host.json extensions.durableTask";

    /// <exception cref="SettingsException">The type is neither engine, or one of Microsoft's engine's settings is bad.</exception>
    public static (DurableBackend Backend, AzureStorageEngineOptions AzureStorage) Read(SettingsReader read, DurableTaskOptions shared)
    {
        var type = read.String($"{Section}:storageProvider:type");
        DurableBackend backend;
        if (string.IsNullOrEmpty(type))
        {
            backend = DurableBackend.CreditFlow;
        }
        else if (!Enum.TryParse(type, ignoreCase: true, out backend) || !Enum.IsDefined(backend) || int.TryParse(type, out _))
        {
            throw new SettingsException($"{Display}.storageProvider.type", $"must be CreditFlow (CreditFlow's engine, the default) or AzureStorage (Microsoft's Durable Task Framework) (was '{type}').");
        }

        var azureStorage = new AzureStorageEngineOptions
        {
            HubName = shared.HubName,
            PartitionCount = shared.PartitionCount,
            MaxConcurrentActivityFunctions = shared.MaxConcurrentActivityFunctions,
            MaxConcurrentOrchestratorFunctions = shared.MaxConcurrentOrchestratorFunctions,
            MaxQueuePollingInterval = shared.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = shared.ControlQueueVisibilityTimeout,
            ExtendedSessionsEnabled = Bool(read, $"{Section}:extendedSessionsEnabled", $"{Display}.extendedSessionsEnabled", false),
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(read.Int($"{Section}:extendedSessionIdleTimeoutInSeconds", $"{Display}.extendedSessionIdleTimeoutInSeconds", 30)),
            UseTablePartitionManagement = Bool(read, $"{Section}:storageProvider:useTablePartitionManagement", $"{Display}.storageProvider.useTablePartitionManagement", true),
        };
        if (azureStorage.Validate() is [var problem, ..])
        {
            throw new SettingsException($"{Display}.{problem.Key}", problem.Problem);
        }

        return (backend, azureStorage);
    }

    private static bool Bool(SettingsReader read, string key, string display, bool defaultValue) =>
        read.String(key) switch
        {
            null or "" => defaultValue,
            var raw when bool.TryParse(raw, out var value) => value,
            var raw => throw new SettingsException(display, $"must be true or false (was '{raw}')."),
        };
}
