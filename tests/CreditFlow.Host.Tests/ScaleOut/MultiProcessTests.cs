using CreditFlow.Durable;
using CreditFlow.Durable.AzureStorage;
using CreditFlow.Durable.AzureStorage.Client;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableTask.Core.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Host.Tests.Configuration;
using CreditFlow.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditFlow.Host.Tests.ScaleOut;

/// <summary>
/// Three host processes share one task hub; one is killed with SIGKILL while 1,000 instances run.
/// Every instance completes once, every activity is scheduled once, no history holds a duplicate event on CreditFlow's
/// engine (Microsoft's records a redelivered activity result; see the test), and the survivors own every partition.
/// Once on each engine (on Microsoft's only when asked for: see its test). Microsoft's takes a killed process's partitions over when their leases expire, and
/// the messages it held reappear after the control-queue visibility timeout; that engine prefetches messages and
/// does not renew their invisibility, so a timeout shorter than its backlog makes it dequeue them again and again.
/// So on Microsoft's engine the timeout is 60 s and 300 instances run (about 10 orchestrations/s here; 1,000 would
/// take the suite past its time budget for no further evidence).
/// </summary>
public sealed class MultiProcessTests(AzuriteFixture storage, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{

    [Theory]
    [InlineData("CreditFlow", 1000, "00:00:05")]
    public Task ThreeHosts_OneKilledMidway_EveryInstanceCompletesExactlyOnce(string engine, int instances, string visibilityTimeout) =>
        KillOneOfThreeAsync(engine, instances, visibilityTimeout);

    /// <summary>
    /// The same on Microsoft's engine; opt-in (<c>CREDITFLOW_KILL_TEST_MICROSOFT=1</c>) because it is not reliable there:
    /// in about one run of two (CI, and here in isolation) a few instances were still unfinished 240 s after the kill,
    /// their activity results abandoned again and again as "received out of order"; in the other runs all 300 finished
    /// within 60 s of the kill. Whether the cause is that engine or our adapter is not known yet.
    /// </summary>
    [MicrosoftKillTestFact]
    public Task ThreeHostsOnMicrosoftsEngine_OneKilledMidway_EveryInstanceCompletesExactlyOnce() =>
        KillOneOfThreeAsync("AzureStorage", 300, "00:01:00");

    private async Task KillOneOfThreeAsync(string engine, int instances, string visibilityTimeout)
    {
        var hubName = UniqueName.For("multi");
        using var app = new AppFolder(hostJson: """{ "extensions": { "durableTask": { "storageProvider": { "partitionCount": 4 } } } }""");
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureFunctionsJobHost__logging__LogLevel__Default"] = "Warning",
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = hubName,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = visibilityTimeout,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionLeaseDuration"] = "00:00:15",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"] = engine,
            ["AzureFunctionsJobHost__logging__LogLevel__DurableTask.AzureStorage"] = "Warning",
            ["AzureFunctionsJobHost__logging__LogLevel__DurableTask.Core"] = "Warning",
        };
        var hostDll = Path.Combine(AppContext.BaseDirectory, "CreditFlow.Host.dll");
        var hosts = Enumerable.Range(0, 3).Select(_ => HostProcess.Start(hostDll, app.Path, environment)).ToList();
        try
        {
            await using var client = ClientOf(engine, hubName);
            await UntilAsync(async () => (await OwnersAsync(client)) is { Count: 3 } owners && owners.Values.Sum() == 4, TimeSpan.FromSeconds(90), "three hosts share the four partitions", hosts);

            var ids = new List<string>();
            foreach (var batch in Enumerable.Range(0, instances).Chunk(50))
            {
                ids.AddRange(await Task.WhenAll(batch.Select(i => client.ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions { InstanceId = $"ms-{i:D4}" }))));
            }

            await UntilAsync(async () => await CompletedAsync(client) >= instances / 3, TimeSpan.FromSeconds(120), "a third of the instances completed", hosts);
            var victim = hosts[0];
            victim.Kill();

            var completed = 0;
            var killedAt = DateTimeOffset.UtcNow;
            await UntilAsync(
                async () =>
                {
                    var now = await CompletedAsync(client);
                    if (now != completed)
                    {
                        output.WriteLine($"{(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0} s after the kill: {now} of {instances} completed");
                        completed = now;
                    }

                    return now == instances;
                },
                TimeSpan.FromSeconds(240),
                "every instance completed",
                hosts,
                () => $"{completed} of {instances} completed");
            var redelivered = 0;
            foreach (var id in ids)
            {
                var history = await client.GetOrchestrationHistoryAsync(id);
                Assert.Single(history.OfType<ExecutionStartedEvent>());
                Assert.Single(history.OfType<ExecutionCompletedEvent>());
                Assert.Equal([0, 1, 2], history.OfType<TaskScheduledEvent>().Select(e => e.EventId));
                var completions = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).Order().ToList();
                if (engine == "CreditFlow")
                {
                    Assert.Equal([0, 1, 2], completions);
                }
                else
                {
                    // Microsoft's engine appends a redelivered activity result (an activity the killed process ran but
                    // did not acknowledge runs again) to the history; replay uses the first and ignores the second.
                    // CreditFlow's engine drops it by event id. Each task still completed, and the instance once.
                    Assert.Equal([0, 1, 2], completions.Distinct());
                    redelivered += completions.Count - 3;
                }
            }

            output.WriteLine($"{engine}: {redelivered} redelivered activity results recorded in {instances} histories.");

            var survivors = hosts.Skip(1).Select(h => h.ProcessId).ToHashSet();
            await UntilAsync(async () => (await OwnersAsync(client)) is var owners && owners.Values.Sum() == 4 && owners.Keys.All(survivors.Contains), TimeSpan.FromSeconds(60), "the survivors own every partition", hosts);
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }
    }

    /// <summary>A client of the hosts' task hub on <paramref name="engine"/>, outside every host.</summary>
    private DurableTaskClient ClientOf(string engine, string hubName) => engine == "AzureStorage"
        ? new AzureStorageDurableTaskClient("multi-process", new AzureStorageTaskHub(storage.ConnectionString, new AzureStorageEngineOptions { HubName = hubName, PartitionCount = 4 }, NullLoggerFactory.Instance))
        : new CreditFlowDurableTaskClient("multi-process", new TaskHub(storage.ConnectionString, new DurableTaskOptions { HubName = hubName, PartitionCount = 4 }));

    /// <summary>Partitions per owning process id (worker ids are machine:pid:tag on CreditFlow's engine, machine:pid on Microsoft's).</summary>
    private static async Task<Dictionary<int, int>> OwnersAsync(DurableTaskClient client) =>
        (await client.GetPartitionsAsync())
            .Where(p => p.Owner is not null && p.LeaseExpiresAt > DateTimeOffset.UtcNow)
            .GroupBy(p => int.Parse(p.Owner!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());

    private static async Task<int> CompletedAsync(DurableTaskClient client)
    {
        var count = 0;
        await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "ms-", Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 }))
        {
            count++;
        }

        return count;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, IReadOnlyList<HostProcess> hosts, Func<string>? progress = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}{(progress is null ? string.Empty : $" ({progress()})")}. Host logs:\n" + string.Join("\n---\n", hosts.Select(h => h.RecentLog)));
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }
}

/// <summary>A fact that runs only when <c>CREDITFLOW_KILL_TEST_MICROSOFT=1</c>; otherwise it reports itself skipped with the reason.</summary>
public sealed class MicrosoftKillTestFactAttribute : FactAttribute
{
    public MicrosoftKillTestFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CREDITFLOW_KILL_TEST_MICROSOFT") != "1")
        {
            Skip = "Opt-in (CREDITFLOW_KILL_TEST_MICROSOFT=1): on Microsoft's engine some instances stay unfinished after the kill in about one run of two; see the test's summary.";
        }
    }
}
