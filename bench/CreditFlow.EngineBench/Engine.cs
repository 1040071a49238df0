using CreditFlow.Durable;
using CreditFlow.Durable.AzureStorage;
using CreditFlow.Durable.AzureStorage.DependencyInjection;
using CreditFlow.Durable.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.EngineBench;

/// <summary>
/// One engine configuration under test: CreditFlow's engine, or Microsoft's with its defaults, or Microsoft's with the
/// best settings found (<see cref="Tuned"/>). Every one gets the same concurrency limits unless the tuning says otherwise.
/// </summary>
internal sealed record Engine(string Name, string Description, AzureStorageEngineOptions? Microsoft)
{
    public static readonly Engine CreditFlow = new("creditflow", "CreditFlow's engine, DurableTaskOptions defaults (4 partitions, 10 + 10 concurrent)", null);

    public static readonly Engine MicrosoftDefaults = new(
        "ms-default", "Microsoft's engine, its defaults (4 partitions, no extended sessions, polling up to 30 s), 10 + 10 concurrent", new AzureStorageEngineOptions());

    /// <summary>The best settings found for Microsoft's engine on this machine (bench/README.md says how they were chosen).</summary>
    public static Engine Tuned(bool extendedSessions, TimeSpan polling, int orchestrations, int activities) => new(
        "ms-tuned",
        $"Microsoft's engine, extended sessions {(extendedSessions ? "on" : "off")}, polling up to {polling.TotalSeconds} s, {orchestrations} + {activities} concurrent",
        new AzureStorageEngineOptions
        {
            ExtendedSessionsEnabled = extendedSessions,
            MaxQueuePollingInterval = polling,
            MaxConcurrentOrchestratorFunctions = orchestrations,
            MaxConcurrentActivityFunctions = activities,
        });

    /// <summary>Registers worker and client of this engine on <paramref name="hubName"/>, as a host does.</summary>
    public void AddTo(IServiceCollection services, string connectionString, string hubName, Action<DurableTaskRegistry> register)
    {
        if (Microsoft is { } options)
        {
            var hub = options with { HubName = hubName };
            services.AddDurableTaskWorker(b => b.AddTasks(register).UseAzureStorageEngine(connectionString, hub));
            services.AddDurableTaskClient(b => b.UseAzureStorageEngine(connectionString, hub));
        }
        else
        {
            var hub = new DurableTaskOptions { HubName = hubName };
            services.AddDurableTaskWorker(b => b.AddTasks(register).UseCreditFlowStorage(connectionString, hub));
            services.AddDurableTaskClient(b => b.UseCreditFlowStorage(connectionString, hub));
        }
    }

    /// <summary>The host's settings (environment variables) that put it on this engine.</summary>
    public IReadOnlyDictionary<string, string?> HostSettings()
    {
        var settings = new Dictionary<string, string?>();
        if (Microsoft is { } options)
        {
            const string Durable = "AzureFunctionsJobHost__extensions__durableTask__";
            settings[Durable + "storageProvider__type"] = "AzureStorage";
            settings[Durable + "extendedSessionsEnabled"] = options.ExtendedSessionsEnabled ? "true" : "false";
            settings[Durable + "storageProvider__maxQueuePollingInterval"] = options.MaxQueuePollingInterval.ToString();
            settings[Durable + "maxConcurrentOrchestratorFunctions"] = options.MaxConcurrentOrchestratorFunctions.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[Durable + "maxConcurrentActivityFunctions"] = options.MaxConcurrentActivityFunctions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
