using CreditFlow.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.Diagnostics;
using CreditFlow.Durable.Storage;

namespace CreditFlow.Bench;

/// <summary>
/// Scale-out scenario (issue 5, "Benchmark"): the same HelloSequence load on one Azurite, first
/// through one CreditFlow host process, then through two, each on a fresh task hub of 4 partitions.
/// The bench process is only a client. Storage requests are counted on Azurite's side (its access
/// log), so the host processes' requests are included; the client's own are counted by its
/// <see cref="TaskHub.RequestCounter"/> and reported separately. See bench/README.md.
/// </summary>
internal static class ScaleOutBench
{
    private const int PartitionCount = 4;
    private const string HostJson = """{ "extensions": { "durableTask": { "storageProvider": { "partitionCount": 4 } } } }""";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly ConcurrentDictionary<HostProcess, byte> LiveHosts = new();
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static LoggedAzurite? s_azurite;

    public static async Task<int> RunAsync(Settings settings)
    {
        using var watchdog = new CancellationTokenSource();
        _ = Task.Delay(settings.HardTimeout, watchdog.Token).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    Program.Progress($"watchdog: no result within {settings.HardTimeout}; killing hosts and Azurite, exiting");
                    KillEverything();
                    Environment.Exit(3);
                }
            },
            TaskScheduler.Default);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillEverything();

        try
        {
            var hostDll = settings.HostDll ?? typeof(ScaleOutBench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CreditFlowHostDll").Value!;
            if (!File.Exists(hostDll))
            {
                throw new InvalidOperationException($"CreditFlow.Host.dll not found at '{hostDll}'. Build the bench (it builds the host in the same configuration) or pass --host-dll.");
            }

            Program.Progress("scale-out: starting Azurite with its access log on");
            s_azurite = await LoggedAzurite.StartAsync(TimeSpan.FromSeconds(60));
            var inProcess = await InProcessAsync(s_azurite, settings);
            var runs = new List<RunResult>();
            foreach (var processes in settings.ProcessCounts)
            {
                runs.Add(await HostsAsync(s_azurite, hostDll, processes, settings));
            }

            var one = runs.FirstOrDefault(r => r.Processes == 1);
            var two = runs.FirstOrDefault(r => r.Processes == 2);
            object? targets = null;
            if (one is not null && two is not null)
            {
                var throughputRatio = two.OrchestrationsPerSecond / one.OrchestrationsPerSecond;
                var requestRatio = two.RequestsPerOrchestration / one.RequestsPerOrchestration;
                targets = new
                {
                    throughputRatio2To1 = new { target = ">= 0.9", measured = Program.Round(throughputRatio), met = throughputRatio >= 0.9 },
                    requestsPerOrchestrationRatio2To1 = new { target = "0.9 .. 1.1 (same)", measured = Program.Round(requestRatio), met = requestRatio is >= 0.9 and <= 1.1 },
                };
            }

            var result = new Dictionary<string, object?>
            {
                ["scenario"] = "scale-out",
                ["settings"] = new { instances = settings.HelloSequences, startParallelism = settings.Parallelism, warmUp = settings.WarmUp, partitionCount = PartitionCount, pollIntervalMs = PollInterval.TotalMilliseconds, hostDll },
                ["inProcessCalibration"] = inProcess.Figures,
                ["hosts"] = runs.Select(r => r.Figures).ToList(),
                ["targets"] = targets,
            };
            Console.WriteLine(JsonSerializer.Serialize(result, Indented));
            return inProcess.Clean && runs.All(r => r.Clean) ? 0 : 1;
        }
        finally
        {
            KillEverything();
            await watchdog.CancelAsync();
        }
    }

    /// <summary>
    /// The same load with the worker in the bench process: Azurite's count and the hub's own
    /// <see cref="TaskHub.RequestCounter"/> see the same requests here, which checks the access-log count.
    /// </summary>
    private static async Task<RunResult> InProcessAsync(LoggedAzurite azurite, Settings settings)
    {
        Program.Progress($"scale-out: in-process worker (calibration), {settings.HelloSequences} HelloSequence");
        using var timeout = new CancellationTokenSource(settings.ScenarioTimeout);
        await using var bench = await BenchHub.StartAsync(azurite.ConnectionString, "inproc", timeout.Token);
        await WarmUpAsync(bench.Client, settings.WarmUp, [], timeout.Token);
        var measured = await MeasureAsync(azurite, bench.Client, bench.Hub, [], settings, timeout.Token);
        var figures = Figures("in-process worker (bench process), client attached", 0, measured, null, null, []);
        return new RunResult(0, figures, measured.Clean, measured.OrchestrationsPerSecond, measured.AzuriteRequestsPerOrchestration);
    }

    private static async Task<RunResult> HostsAsync(LoggedAzurite azurite, string hostDll, int processes, Settings settings)
    {
        var hubName = NewHubName($"so{processes}p");
        Program.Progress($"scale-out: {processes} host process(es) on hub {hubName}");
        using var timeout = new CancellationTokenSource(settings.ScenarioTimeout);
        var appFolder = Directory.CreateTempSubdirectory("creditflow-bench-app-").FullName;
        File.WriteAllText(Path.Combine(appFolder, "host.json"), HostJson);
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureFunctionsJobHost__logging__LogLevel__Default"] = "Warning",
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = hubName,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
        };
        var hosts = new List<HostProcess>();
        var hub = new TaskHub(azurite.ConnectionString, new DurableTaskOptions { HubName = hubName, PartitionCount = PartitionCount });
        try
        {
            for (var i = 0; i < processes; i++)
            {
                var host = HostProcess.Start(hostDll, appFolder, environment);
                LiveHosts[host] = 0;
                hosts.Add(host);
            }

            var client = new CreditFlowDurableTaskClient("scale-out bench", hub);
            var ownedAfter = Stopwatch.StartNew();
            var before = await UntilAsync(
                async () => await OwnersAsync(client) is { } owners && owners.Count == processes && owners.Values.Sum() == PartitionCount && owners.Values.Max() - owners.Values.Min() <= 1 ? owners : null,
                TimeSpan.FromSeconds(90),
                $"{processes} process(es) own all {PartitionCount} partitions evenly",
                hosts,
                timeout.Token);
            Program.Progress($"scale-out: partitions owned after {ownedAfter.Elapsed.TotalSeconds:0.0} s: {Describe(before)}");

            await WarmUpAsync(client, settings.WarmUp, hosts, timeout.Token);
            var measured = await MeasureAsync(azurite, client, hub, hosts, settings, timeout.Token);
            var after = await OwnersAsync(client);
            var figures = Figures(
                $"{processes} host process(es)",
                processes,
                measured,
                Describe(before),
                after is null ? null : Describe(after),
                hosts);
            var clean = measured.Clean && hosts.All(h => !h.HasExited) && after is not null && after.Keys.Order().SequenceEqual(before.Keys.Order());
            return new RunResult(processes, figures, clean, measured.OrchestrationsPerSecond, measured.AzuriteRequestsPerOrchestration);
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
                LiveHosts.TryRemove(host, out _);
            }

            try
            {
                await hub.DeleteAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is TimeoutException or Azure.RequestFailedException)
            {
                Program.Progress($"scale-out: deleting hub {hubName} failed: {e.Message}");
            }

            Directory.Delete(appFolder, recursive: true);
        }
    }

    /// <summary>A few instances on the hub first, so the hosts' JIT and connection set-up are not measured.</summary>
    private static async Task WarmUpAsync(DurableTaskClient client, int count, IReadOnlyList<HostProcess> hosts, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions { InstanceId = $"w-{i:D4}" }, cancellationToken)));
        await UntilAsync(async () => await CountCompletedAsync(client, "w-", cancellationToken) >= count ? (object)true : null, TimeSpan.FromSeconds(60), $"{count} warm-up instances complete", hosts, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // let trailing deletes and index updates of the warm-up land outside the window
    }

    /// <summary>
    /// Starts the instances (a bounded number of start calls at once) while polling the Instances index
    /// every 200 ms for the Completed count; the window runs from just before the first start call to
    /// the poll that sees the last completion.
    /// </summary>
    private static async Task<Measured> MeasureAsync(LoggedAzurite azurite, DurableTaskClient client, TaskHub clientHub, IReadOnlyList<HostProcess> hosts, Settings settings, CancellationToken cancellationToken)
    {
        const string Prefix = "m-";
        var n = settings.HelloSequences;
        var hostPids = hosts.Select(h => (int?)h.ProcessId).ToList();
        var azuriteRequests0 = azurite.Requests;
        var kinds0 = azurite.ByKind();
        var clientRequests0 = clientHub.RequestCounter.Total;
        var azuriteCpu0 = ProcessStats.CpuSeconds(azurite.ProcessId);
        var hostCpu0 = hostPids.Select(ProcessStats.CpuSeconds).ToList();
        var benchCpu0 = ProcessStats.OwnCpuSeconds();
        var startUtc = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();

        using var gate = new SemaphoreSlim(settings.Parallelism);
        var starting = Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions { InstanceId = $"{Prefix}{i:D4}" }, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var polls = 0;
        var completed = 0;
        var timedOut = false;
        try
        {
            while (true)
            {
                completed = await CountCompletedAsync(client, Prefix, cancellationToken);
                polls++;
                if (completed >= n)
                {
                    break;
                }

                if (starting.IsFaulted)
                {
                    await starting; // surfaces the start failure
                }

                if (hosts.FirstOrDefault(h => h.HasExited) is { } gone)
                {
                    throw new InvalidOperationException($"host process {gone.ProcessId} exited during the run:\n{gone.RecentLog}");
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }

        var observed = wall.Elapsed;
        var azuriteRequests = azurite.Requests - azuriteRequests0;
        var clientRequests = clientHub.RequestCounter.Total - clientRequests0;
        var kinds = Delta(azurite.ByKind(), kinds0);
        var azuriteCpu = ProcessStats.CpuSeconds(azurite.ProcessId) - azuriteCpu0 ?? double.NaN;
        var hostCpu = hostPids.Select((pid, i) => ProcessStats.CpuSeconds(pid) - hostCpu0[i] ?? double.NaN).ToList();
        var benchCpu = ProcessStats.OwnCpuSeconds() - benchCpu0;
        if (!timedOut)
        {
            await starting;
        }

        // Trailing work (acknowledgements, index updates) after the window, informational.
        await Task.Delay(settings.Settle, CancellationToken.None);
        var azuriteRequestsSettled = azurite.Requests - azuriteRequests0;
        var clientRequestsSettled = clientHub.RequestCounter.Total - clientRequests0;

        // Check every instance (outside the window): status, output, and when the runtime says it completed.
        using var look = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var instances = await AllAsync(client, Prefix, look.Token);
        const string Expected = """["Hello Tokyo!","Hello Seattle!","Hello London!"]""";
        var done = instances.Where(i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed).ToList();
        var wrong = done.Count(i => !SameJson(i.SerializedOutput, Expected));
        var lastCompletion = done.Count > 0 ? done.Max(i => i.LastUpdatedAt) : startUtc;
        var firstCreated = instances.Count > 0 ? instances.Min(i => i.CreatedAt) : startUtc;
        var byTimestamps = lastCompletion - startUtc;

        // Orchestrations/s over the runtime's own completion timestamps (same machine clock), so the
        // 200 ms poll granularity does not count; the poll-observed figure is reported next to it.
        var primaryWall = byTimestamps > TimeSpan.Zero && byTimestamps <= observed ? byTimestamps : observed;
        return new Measured(
            Instances: n,
            Completed: done.Count,
            WrongOutput: wrong,
            NotCompleted: instances.Where(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed).GroupBy(i => i.RuntimeStatus.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            Missing: n - instances.Count,
            TimedOut: timedOut,
            ObservedWall: observed,
            TimestampWall: byTimestamps,
            PrimaryWall: primaryWall,
            FirstCreatedOffset: firstCreated - startUtc,
            Polls: polls,
            AzuriteRequests: azuriteRequests,
            ClientRequests: clientRequests,
            AzuriteRequestsSettled: azuriteRequestsSettled,
            ClientRequestsSettled: clientRequestsSettled,
            Kinds: kinds,
            AzuriteCpu: azuriteCpu,
            HostCpu: hostCpu,
            BenchCpu: benchCpu);
    }

    private static object Figures(string label, int processes, Measured m, string? ownersBefore, string? ownersAfter, IReadOnlyList<HostProcess> hosts) => new
    {
        label,
        processes,
        hostProcessIds = hosts.Select(h => h.ProcessId).ToList(),
        partitionOwnersBefore = ownersBefore,
        partitionOwnersAfter = ownersAfter,
        instances = m.Instances,
        orchestrationsPerSecond = Program.Round(m.OrchestrationsPerSecond),
        wallSeconds = Program.Round(m.PrimaryWall.TotalSeconds),
        wallSecondsByCompletionTimestamps = Program.Round(m.TimestampWall.TotalSeconds),
        wallSecondsObservedByPolling = Program.Round(m.ObservedWall.TotalSeconds),
        orchestrationsPerSecondObservedByPolling = Program.Round(m.Completed / m.ObservedWall.TotalSeconds),
        completionPolls = m.Polls,
        firstInstanceCreatedAfterSeconds = Program.Round(m.FirstCreatedOffset.TotalSeconds),
        storageRequests = new
        {
            azuriteTotal = m.AzuriteRequests,
            azuriteTotalPerOrchestration = Program.Round(m.AzuriteRequestsPerOrchestration),
            client = m.ClientRequests,
            clientPerOrchestration = Program.Round((double)m.ClientRequests / m.Instances),
            othersThanClient = m.AzuriteRequests - m.ClientRequests,
            othersThanClientPerOrchestration = Program.Round((double)(m.AzuriteRequests - m.ClientRequests) / m.Instances),
            azuriteTotalSettled = m.AzuriteRequestsSettled,
            clientSettled = m.ClientRequestsSettled,
            azuriteByKind = m.Kinds.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
        },
        azuriteCpuSeconds = Program.Round(m.AzuriteCpu),
        azuriteCoresBusy = Program.Round(m.AzuriteCpu / m.ObservedWall.TotalSeconds),
        hostCpuSeconds = m.HostCpu.Select(Program.Round).ToList(),
        benchCpuSeconds = Program.Round(m.BenchCpu),
        hostWarningOrErrorLines = hosts.Select(h => h.ProblemLines).ToList(),
        hostLogSamples = hosts.Where(h => h.ProblemLines > 0).Select(h => h.RecentLog).Take(2).ToList(),
        outcome = new { m.Completed, m.WrongOutput, m.NotCompleted, m.Missing, m.TimedOut },
    };

    private static async Task<int> CountCompletedAsync(DurableTaskClient client, string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 }).WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }

    private static async Task<List<OrchestrationMetadata>> AllAsync(DurableTaskClient client, string prefix, CancellationToken cancellationToken)
    {
        return await client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1000, FetchInputsAndOutputs = true }).ToListAsync(cancellationToken);
    }

    /// <summary>Live partitions per owning process id (worker ids are machine:pid:tag), or null while the hub's leases are not readable yet.</summary>
    private static async Task<Dictionary<int, int>?> OwnersAsync(DurableTaskClient client)
    {
        try
        {
            using var look = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return (await client.GetPartitionsAsync(look.Token))
                .Where(p => p.Owner is not null && p.LeaseExpiresAt > DateTimeOffset.UtcNow)
                .GroupBy(p => int.Parse(p.Owner!.Split(':')[1], CultureInfo.InvariantCulture))
                .ToDictionary(g => g.Key, g => g.Count());
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException)
        {
            return null; // the hosts have not created the hub yet
        }
    }

    private static string Describe(Dictionary<int, int> owners) =>
        string.Join(", ", owners.OrderBy(p => p.Key).Select(p => $"pid {p.Key}: {p.Value}"));

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> condition, TimeSpan timeout, string what, IReadOnlyList<HostProcess> hosts, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await condition() is { } value)
            {
                return value;
            }

            if (hosts.FirstOrDefault(h => h.HasExited) is { } gone)
            {
                throw new InvalidOperationException($"host process {gone.ProcessId} exited while waiting until {what}:\n{gone.RecentLog}");
            }

            if (deadline.Elapsed > timeout || cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}. Host logs:\n" + string.Join("\n---\n", hosts.Select(h => h.RecentLog)));
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> now, IReadOnlyDictionary<string, long> before) =>
        now.Select(p => (p.Key, Value: p.Value - before.GetValueOrDefault(p.Key))).Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static bool SameJson(string? a, string b)
    {
        if (a is null)
        {
            return false;
        }

        try
        {
            using var x = JsonDocument.Parse(a);
            using var y = JsonDocument.Parse(b);
            return JsonElement.DeepEquals(x.RootElement, y.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Unique hub name: prefix plus hex, at most 45 characters (see LoggedAzurite's normalisation).</summary>
    private static string NewHubName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(45, prefix.Length + 32)];

    private static void KillEverything()
    {
        foreach (var host in LiveHosts.Keys)
        {
            host.Dispose();
        }

        LiveHosts.Clear();
        s_azurite?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(15));
    }

    private sealed record RunResult(int Processes, object Figures, bool Clean, double OrchestrationsPerSecond, double RequestsPerOrchestration);

    private sealed record Measured(
        int Instances,
        int Completed,
        int WrongOutput,
        Dictionary<string, int> NotCompleted,
        int Missing,
        bool TimedOut,
        TimeSpan ObservedWall,
        TimeSpan TimestampWall,
        TimeSpan PrimaryWall,
        TimeSpan FirstCreatedOffset,
        int Polls,
        long AzuriteRequests,
        long ClientRequests,
        long AzuriteRequestsSettled,
        long ClientRequestsSettled,
        Dictionary<string, long> Kinds,
        double AzuriteCpu,
        List<double> HostCpu,
        double BenchCpu)
    {
        public bool Clean => !TimedOut && Completed == Instances && WrongOutput == 0 && Missing == 0;

        public double OrchestrationsPerSecond => Completed / PrimaryWall.TotalSeconds;

        public double AzuriteRequestsPerOrchestration => (double)AzuriteRequests / Instances;
    }
}
