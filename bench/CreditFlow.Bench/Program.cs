using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.Diagnostics;
using CreditFlow.Testing;

namespace CreditFlow.Bench;

/// <summary>
/// Benchmark of the durable runtime against a fresh Azurite: (a) many HelloSequence instances at
/// once, (b) one large FanOutFanIn, (c) single-activity instances one after another. Prints one
/// JSON object to stdout; progress goes to stderr. See bench/README.md.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // ">= 60" stays readable; the output goes to a terminal, not a page
    };
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Set with <c>--breakdown</c>: per-request classification of each measured window.</summary>
    internal static RequestBreakdown? Breakdown { get; private set; }

    private static async Task<int> Main(string[] args)
    {
        var settings = Settings.Parse(args);
        if (settings.ScaleOut)
        {
            return await ScaleOutBench.RunAsync(settings);
        }

        using var watchdog = new CancellationTokenSource();
        AzuriteInstance? azurite = null;

        // Last resort against a hang nothing else bounds: stop Azurite and leave with an error.
        _ = Task.Delay(settings.HardTimeout, watchdog.Token).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    Progress($"watchdog: no result within {settings.HardTimeout}; stopping Azurite and exiting");
                    azurite?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
                    Environment.Exit(3);
                }
            },
            TaskScheduler.Default);

        var memory = new MemorySampler();
        using var breakdown = settings.Breakdown ? new RequestBreakdown() : null;
        Breakdown = breakdown;
        try
        {
            Progress("starting Azurite");
            azurite = await AzuriteInstance.StartAsync(TimeSpan.FromSeconds(60));
            var azuritePid = ProcessStats.FindAzurite(azurite.DataFolder);
            var cs = azurite.ConnectionString;

            var warmup = await WarmUpAsync(cs, settings);
            var sequence = await HelloSequenceAsync(cs, settings, azuritePid, memory);
            var fanOut = await FanOutFanInAsync(cs, settings, azuritePid, memory);
            var latency = await SequentialAsync(cs, settings, azuritePid, memory);

            var result = new Dictionary<string, object?>
            {
                ["machine"] = Machine(),
                ["settings"] = settings,
                ["warmup"] = warmup,
                ["a_helloSequence"] = sequence.Figures,
                ["b_fanOutFanIn"] = fanOut.Figures,
                ["c_sequentialSingleActivity"] = latency.Figures,
                ["memory"] = memory.Report(ProcessStats.PeakResidentBytes(azuritePid)),
                ["targets"] = Targets(sequence, fanOut, latency, memory),
            };
            Console.WriteLine(JsonSerializer.Serialize(result, Indented));
            return sequence.Clean && fanOut.Clean && latency.Clean ? 0 : 1;
        }
        finally
        {
            await memory.DisposeAsync();
            if (azurite is not null)
            {
                Progress("stopping Azurite");
                await azurite.DisposeAsync();
            }

            await watchdog.CancelAsync();
        }
    }

    private static async Task<object> WarmUpAsync(string cs, Settings settings)
    {
        Progress($"warm-up: {settings.WarmUp} HelloSequence, 2 SingleActivity, FanOutFanIn(20) on their own hub");
        using var timeout = new CancellationTokenSource(settings.ScenarioTimeout);
        await using var bench = await BenchHub.StartAsync(cs, "warm", timeout.Token);
        var started = Clock.Elapsed;
        var outcomes = new List<Outcome>();
        outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, settings.WarmUp).Select(_ => RunOneAsync(bench, nameof(HelloSequence), null, timeout.Token))));
        outcomes.Add(await RunOneAsync(bench, nameof(SingleActivity), null, timeout.Token));
        outcomes.Add(await RunOneAsync(bench, nameof(SingleActivity), null, timeout.Token));
        outcomes.Add(await RunOneAsync(bench, nameof(FanOutFanIn), 20, timeout.Token));
        return new
        {
            wallSeconds = Round((Clock.Elapsed - started).TotalSeconds),
            outcome = await Summarize(bench, outcomes, _ => null),
            runtimeWarnings = new { count = bench.Warnings.Count, samples = bench.Warnings.Samples },
        };
    }

    /// <summary>(a) Many HelloSequence instances, a bounded number in flight.</summary>
    private static async Task<ScenarioResult> HelloSequenceAsync(string cs, Settings settings, int? azuritePid, MemorySampler memory)
    {
        var n = settings.HelloSequences;
        Progress($"(a) {n} HelloSequence, {settings.Parallelism} in flight");
        using var timeout = new CancellationTokenSource(settings.ScenarioTimeout);
        await using var bench = await BenchHub.StartAsync(cs, "a", timeout.Token);
        using var gate = new SemaphoreSlim(settings.Parallelism);
        var window = Window.Open(bench, azuritePid);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, n).Select(async _ =>
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                return await RunOneAsync(bench, nameof(HelloSequence), null, timeout.Token);
            }
            finally
            {
                gate.Release();
            }
        }));
        var measured = window.Close();
        var settled = await window.SettleAsync(settings.Settle);

        var summary = await Summarize(bench, outcomes, o => ExpectJson(o, """["Hello Tokyo!","Hello Seattle!","Hello London!"]"""));
        var latencies = Latencies(outcomes);
        var figures = new
        {
            instances = n,
            parallelism = settings.Parallelism,
            wallSeconds = Round(measured.Wall.TotalSeconds),
            orchestrationsPerSecond = Round(summary.Completed / measured.Wall.TotalSeconds),
            activitiesPerSecond = Round(3 * summary.Completed / measured.Wall.TotalSeconds),
            storageRequests = measured.Requests,
            storageRequestsPerOrchestration = Round((double)measured.Requests / n),
            storageRequestsSettled = settled.Requests,
            storageRequestsPerOrchestrationSettled = Round((double)settled.Requests / n),
            instanceLatencyMs = latencies,
            benchCpuSeconds = Round(measured.BenchCpu),
            azuriteCpuSeconds = Round(measured.AzuriteCpu),
            azuriteCoresBusy = Round(measured.AzuriteCpu / measured.Wall.TotalSeconds),
            peakWorkingSetBytesSoFar = memory.PeakWorkingSet(),
            requestBreakdown = measured.Breakdown,
            outcome = summary,
            runtimeWarnings = new { count = bench.Warnings.Count, samples = bench.Warnings.Samples },
        };
        return new ScenarioResult(figures, summary.Clean, summary.Completed / measured.Wall.TotalSeconds, (double)measured.Requests / n, null);
    }

    /// <summary>(b) One FanOutFanIn of many parallel activities.</summary>
    private static async Task<ScenarioResult> FanOutFanInAsync(string cs, Settings settings, int? azuritePid, MemorySampler memory)
    {
        var n = settings.FanOut;
        Progress($"(b) one FanOutFanIn of {n}");
        using var timeout = new CancellationTokenSource(settings.ScenarioTimeout);
        await using var bench = await BenchHub.StartAsync(cs, "b", timeout.Token);
        var window = Window.Open(bench, azuritePid);
        var outcome = await RunOneAsync(bench, nameof(FanOutFanIn), n, timeout.Token);
        var measured = window.Close();
        var settled = await window.SettleAsync(settings.Settle);

        var history = await HistoryShapeAsync(bench, outcome.InstanceId);
        var expected = (long)n * (n + 1) * ((2 * n) + 1) / 6;
        var summary = await Summarize(bench, [outcome], o => ExpectJson(o, expected.ToString(CultureInfo.InvariantCulture)));
        var figures = new
        {
            activities = n,
            wallSeconds = Round(measured.Wall.TotalSeconds),
            activitiesPerSecond = Round(n / measured.Wall.TotalSeconds),
            storageRequests = measured.Requests,
            storageRequestsPerActivity = Round((double)measured.Requests / n),
            historyEvents = history,
            storageRequestsSettled = settled.Requests,
            benchCpuSeconds = Round(measured.BenchCpu),
            azuriteCpuSeconds = Round(measured.AzuriteCpu),
            azuriteCoresBusy = Round(measured.AzuriteCpu / measured.Wall.TotalSeconds),
            peakWorkingSetBytesSoFar = memory.PeakWorkingSet(),
            requestBreakdown = measured.Breakdown,
            outcome = summary,
            runtimeWarnings = new { count = bench.Warnings.Count, samples = bench.Warnings.Samples },
        };
        return new ScenarioResult(figures, summary.Clean, measured.Wall.TotalSeconds, measured.Requests, null);
    }

    /// <summary>(c) Single-activity instances one after another: start-to-completion latency.</summary>
    private static async Task<ScenarioResult> SequentialAsync(string cs, Settings settings, int? azuritePid, MemorySampler memory)
    {
        var n = settings.Sequential;
        Progress($"(c) {n} SingleActivity one after another");
        using var timeout = new CancellationTokenSource(settings.ScenarioTimeout);
        await using var bench = await BenchHub.StartAsync(cs, "c", timeout.Token);
        var window = Window.Open(bench, azuritePid);
        var outcomes = new List<Outcome>();
        for (var i = 0; i < n && !timeout.IsCancellationRequested; i++)
        {
            outcomes.Add(await RunOneAsync(bench, nameof(SingleActivity), null, timeout.Token));
        }

        var measured = window.Close();
        var settled = await window.SettleAsync(settings.Settle);
        var summary = await Summarize(bench, outcomes, o => ExpectJson(o, "\"Hello Bench!\""));
        var latencies = Latencies(outcomes);
        var figures = new
        {
            instances = n,
            wallSeconds = Round(measured.Wall.TotalSeconds),
            latencyMs = latencies,
            storageRequests = measured.Requests,
            storageRequestsPerOrchestration = Round((double)measured.Requests / n),
            storageRequestsSettled = settled.Requests,
            storageRequestsPerOrchestrationSettled = Round((double)settled.Requests / n),
            benchCpuSeconds = Round(measured.BenchCpu),
            azuriteCpuSeconds = Round(measured.AzuriteCpu),
            peakWorkingSetBytesSoFar = memory.PeakWorkingSet(),
            requestBreakdown = measured.Breakdown,
            outcome = summary,
            runtimeWarnings = new { count = bench.Warnings.Count, samples = bench.Warnings.Samples },
        };
        return new ScenarioResult(figures, summary.Clean, latencies.P50, (double)measured.Requests / n, latencies.P95);
    }

    private static async Task<Outcome> RunOneAsync(BenchHub bench, string name, object? input, CancellationToken cancellationToken)
    {
        string? id = null;
        var start = Clock.Elapsed;
        try
        {
            id = await bench.Client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellation: cancellationToken);
            var metadata = await bench.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
            return new Outcome(id, Clock.Elapsed - start, metadata.RuntimeStatus, metadata.SerializedOutput, metadata.FailureDetails?.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Outcome(id, Clock.Elapsed - start, null, null, "timed out waiting for completion");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or InvalidOperationException or HttpRequestException)
        {
            return new Outcome(id, Clock.Elapsed - start, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Events of the instance's history by type, read after the measured window (a check that every task completed once).</summary>
    private static async Task<IReadOnlyDictionary<string, int>?> HistoryShapeAsync(BenchHub bench, string? instanceId)
    {
        if (instanceId is null)
        {
            return null;
        }

        try
        {
            using var look = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var history = await bench.Client.GetOrchestrationHistoryAsync(instanceId, look.Token);
            return history.GroupBy(e => e.EventType.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        }
        catch (Exception e) when (e is OperationCanceledException or Azure.RequestFailedException)
        {
            Progress($"history of {instanceId} unreadable: {e.Message}");
            return null;
        }
    }

    private static string? ExpectJson(Outcome outcome, string expected) =>
        outcome.Output is { } output && JsonDocumentEquals(output, expected) ? null : $"output {outcome.Output ?? "null"}, expected {expected}";

    private static bool JsonDocumentEquals(string a, string b)
    {
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

    /// <summary>Counts outcomes; for instances that did not finish, asks the runtime where they are.</summary>
    private static async Task<OutcomeSummary> Summarize(BenchHub bench, IReadOnlyList<Outcome> outcomes, Func<Outcome, string?> check)
    {
        var completed = outcomes.Count(o => o.Status == OrchestrationRuntimeStatus.Completed);
        var failed = outcomes.Where(o => o.Status is { } s && s != OrchestrationRuntimeStatus.Completed).ToList();
        var unfinished = outcomes.Where(o => o.Status is null).ToList();
        var wrong = outcomes.Where(o => o.Status == OrchestrationRuntimeStatus.Completed).Select(check).OfType<string>().ToList();
        var stuck = new List<string>();
        foreach (var o in unfinished.Take(10))
        {
            string state;
            try
            {
                using var look = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                state = o.InstanceId is null ? "never scheduled" : (await bench.Client.GetInstanceAsync(o.InstanceId, cancellation: look.Token))?.RuntimeStatus.ToString() ?? "not found";
            }
            catch (Exception e) when (e is OperationCanceledException or Azure.RequestFailedException)
            {
                state = $"status unreadable ({e.GetType().Name})";
            }

            stuck.Add($"{o.InstanceId}: {o.Error}; now {state}");
        }

        return new OutcomeSummary(
            outcomes.Count,
            completed,
            failed.Count,
            unfinished.Count,
            wrong.Count,
            [.. failed.Take(5).Select(o => $"{o.InstanceId} {o.Status}: {o.Error}"), .. wrong.Take(5), .. stuck]);
    }

    private static LatencyFigures Latencies(IEnumerable<Outcome> outcomes)
    {
        var ms = outcomes.Where(o => o.Status == OrchestrationRuntimeStatus.Completed).Select(o => o.Latency.TotalMilliseconds).Order().ToArray();
        if (ms.Length == 0)
        {
            return new LatencyFigures(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Percentile(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Length) - 1, 0, ms.Length - 1)];
        return new LatencyFigures(ms.Length, Round(ms[0]), Round(Percentile(0.5)), Round(Percentile(0.95)), Round(ms[^1]), Round(ms.Average()));
    }

    private static object Targets(ScenarioResult a, ScenarioResult b, ScenarioResult c, MemorySampler memory)
    {
        var peakMb = memory.PeakWorkingSet() / 1024.0 / 1024.0;
        return new
        {
            a_orchestrationsPerSecond = Target(">= 60", a.Primary, a.Primary >= 60),
            a_storageRequestsPerOrchestration = Target("<= 10", a.Requests, a.Requests <= 10),
            b_wallSeconds = Target("<= 2", b.Primary, b.Primary <= 2),
            c_p50Ms = Target("<= 10", c.Primary, c.Primary <= 10),
            peakWorkingSetMb = Target("<= 200", Round(peakMb), peakMb <= 200),
        };
    }

    private static object Target(string target, double measured, bool met) => new { target, measured = Round(measured), met };

    private static object Machine() => new
    {
        cores = Environment.ProcessorCount,
        cpu = ProcessStats.CpuModel(),
        memoryBytes = ProcessStats.TotalMemoryBytes(),
        os = RuntimeInformation.OSDescription,
        architecture = RuntimeInformation.ProcessArchitecture.ToString(),
        dotnet = RuntimeInformation.FrameworkDescription,
        gc = GCSettings.IsServerGC ? "server" : "workstation",
        concurrentGc = GCSettings.LatencyMode != GCLatencyMode.Batch,
        node = NodeVersion(),
        azurite = AzuriteVersion(),
    };

    private static string? NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (node is null)
            {
                return null;
            }

            var version = node.StandardOutput.ReadToEndAsync();
            return node.WaitForExit(5000) && version.Wait(1000) ? version.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? AzuriteVersion()
    {
        try
        {
            using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "node_modules", "azurite", "package.json")));
            return package.RootElement.GetProperty("version").GetString();
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    internal static double Round(double value) => Math.Round(value, 2);

    internal static void Progress(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,7:0.0}s] {message}");

    /// <summary>What one measured scenario hands to the target check.</summary>
    private sealed record ScenarioResult(object Figures, bool Clean, double Primary, double Requests, double? Secondary);
}

internal sealed record Outcome(string? InstanceId, TimeSpan Latency, OrchestrationRuntimeStatus? Status, string? Output, string? Error);

internal sealed record OutcomeSummary(int Started, int Completed, int Failed, int Unfinished, int WrongOutput, IReadOnlyList<string> Problems)
{
    public bool Clean => Completed == Started && WrongOutput == 0;
}

internal sealed record LatencyFigures(int Count, double Min, double P50, double P95, double Max, double Mean);

/// <summary>Run-size settings, from <c>--name value</c> arguments.</summary>
internal sealed record Settings
{
    public int WarmUp { get; init; } = 20;

    public int HelloSequences { get; init; } = 500;

    public int Parallelism { get; init; } = 50;

    public int FanOut { get; init; } = 500;

    public int Sequential { get; init; } = 50;

    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(4);

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan HardTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Classify every request (slower: the SDK's event source formats each one).</summary>
    public bool Breakdown { get; init; }

    /// <summary>Run the scale-out scenario (host processes) instead of (a)–(c).</summary>
    public bool ScaleOut { get; init; }

    /// <summary>Scale-out: CreditFlow.Host.dll to run; by default the one built next to the bench.</summary>
    public string? HostDll { get; init; }

    /// <summary>Scale-out: how many host processes, one run each, in this order.</summary>
    public IReadOnlyList<int> ProcessCounts { get; init; } = [1, 2];

    public static Settings Parse(string[] args)
    {
        var settings = new Settings();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] is "--breakdown" or "--scale-out")
            {
                settings = args[i] == "--breakdown" ? settings with { Breakdown = true } : settings with { ScaleOut = true };
                i--;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {args[i]} needs a value.");
            }

            if (args[i] is "--host-dll" or "--processes")
            {
                settings = args[i] == "--host-dll"
                    ? settings with { HostDll = Path.GetFullPath(args[i + 1]) }
                    : settings with { ProcessCounts = [.. args[i + 1].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))] };
                continue;
            }

            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--warmup" => settings with { WarmUp = value },
                "--hello" => settings with { HelloSequences = value },
                "--parallel" => settings with { Parallelism = value },
                "--fanout" => settings with { FanOut = value },
                "--sequential" => settings with { Sequential = value },
                "--scenario-timeout-seconds" => settings with { ScenarioTimeout = TimeSpan.FromSeconds(value) },
                "--settle-ms" => settings with { Settle = TimeSpan.FromMilliseconds(value) },
                "--hard-timeout-seconds" => settings with { HardTimeout = TimeSpan.FromSeconds(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --warmup --hello --parallel --fanout --sequential --scenario-timeout-seconds --settle-ms --hard-timeout-seconds, --breakdown; --scale-out with --processes 1,2 and --host-dll <path>."),
            };
        }

        return settings;
    }
}
