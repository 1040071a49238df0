using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFlow.Bench;

namespace CreditFlow.EngineBench;

/// <summary>
/// CreditFlow's engine and Microsoft's side by side on one Azurite: this driver starts Azurite with its access log on,
/// then runs each engine in a child process of its own (its peak memory is its own), counting every storage request
/// between the window marks the child prints. Prints one JSON object; progress goes to stderr. See bench/README.md.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        return settings.ChildEngine is { } engine ? await ChildAsync(settings, settings.EngineNamed(engine)) : await DriveAsync(settings);
    }

    /// <summary>One engine's scenarios; the result goes to stdout as "@result {json}".</summary>
    private static async Task<int> ChildAsync(BenchSettings settings, Engine engine)
    {
        var results = await EngineScenarios.RunAsync(engine, settings.Connection!, settings);
        EngineScenarios.Progress(engine, $"(d) {settings.Lifecycles} order holds released by the credit manager");
        results["d_holdReleasedByApprover"] = await HoldLifecycle.RunAsync(engine, settings.Connection!, settings.Lifecycles, settings.ScenarioTimeout);
        results["engine"] = engine.Description;
        results["peakWorkingSetMb"] = Percentiles.Round(PeakResidentBytes() / 1024.0 / 1024.0);
        Console.Out.WriteLine("@result " + JsonSerializer.Serialize(results));
        return 0;
    }

    private static async Task<int> DriveAsync(BenchSettings settings)
    {
        Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] starting Azurite with its access log");
        await using var azurite = await LoggedAzurite.StartAsync(TimeSpan.FromSeconds(60));
        var azuritePid = ProcessStats.FindAzurite(azurite.DataFolder);
        var report = new JsonObject
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            ["settings"] = JsonSerializer.SerializeToNode(settings with { Connection = null }),
        };
        var ok = true;
        foreach (var engine in settings.Engines)
        {
            var (result, windows) = await RunChildAsync(settings, engine, azurite, azuritePid);
            if (result is null)
            {
                ok = false;
                report[engine] = "failed: see stderr";
                continue;
            }

            AddRequests(result, windows, settings);
            report[engine] = result;
        }

        Console.WriteLine(report.ToJsonString(Indented));
        return ok ? 0 : 1;
    }

    /// <summary>Runs one engine's child, reading Azurite's request count and CPU at each mark it prints.</summary>
    private static async Task<(JsonObject? Result, Dictionary<string, Snapshot> Windows)> RunChildAsync(BenchSettings settings, string engine, LoggedAzurite azurite, int? azuritePid)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. settings.ChildArguments(engine, azurite.ConnectionString)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        var windows = new Dictionary<string, Snapshot>();
        JsonObject? result = null;
        using var deadline = new CancellationTokenSource(settings.ScenarioTimeout * 8);
        while (await child.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("@mark ", StringComparison.Ordinal))
            {
                windows[line[6..]] = new Snapshot(azurite.Requests, azurite.ByKind(), ProcessStats.CpuSeconds(azuritePid) ?? 0, Stopwatch.GetTimestamp());
            }
            else if (line.StartsWith("@result ", StringComparison.Ordinal))
            {
                result = JsonNode.Parse(line[8..])!.AsObject();
            }
        }

        await child.WaitForExitAsync(deadline.Token);
        return (child.ExitCode == 0 ? result : null, windows);
    }

    /// <summary>Adds, per scenario, the storage requests of its window (all processes), per orchestration, and the busiest kinds.</summary>
    private static void AddRequests(JsonObject result, Dictionary<string, Snapshot> windows, BenchSettings settings)
    {
        (string Key, string Window, int Orchestrations)[] scenarios =
        [
            ("a_helloSequence", "a", settings.HelloSequences),
            ("b_fanOutFanIn", "b", 1),
            ("c_singleActivity", "c", settings.Sequential),
            ("d_holdReleasedByApprover", "d", settings.Lifecycles),
        ];
        foreach (var (key, window, count) in scenarios)
        {
            if (!windows.TryGetValue($"{window}-start", out var from) || !windows.TryGetValue($"{window}-end", out var to) || result[key] is not JsonObject figures)
            {
                continue;
            }

            var requests = to.Requests - from.Requests;
            var seconds = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
            figures["storageRequests"] = requests;
            figures[count == 1 ? "storageRequestsPerInstance" : "storageRequestsPerOrchestration"] = Percentiles.Round((double)requests / count);
            figures["azuriteCoresBusy"] = Percentiles.Round((to.AzuriteCpu - from.AzuriteCpu) / seconds);
            figures["requestsByKind"] = new JsonObject(to.ByKind
                .Select(k => (k.Key, Count: k.Value - from.ByKind.GetValueOrDefault(k.Key)))
                .Where(k => k.Count > 0).OrderByDescending(k => k.Count).Take(10)
                .Select(k => KeyValuePair.Create(k.Key, (JsonNode?)JsonValue.Create(k.Count))));
        }
    }

    /// <summary>This process's peak resident set (VmHWM), in bytes; its peak working set elsewhere.</summary>
    private static long PeakResidentBytes()
    {
        foreach (var line in File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status") : [])
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private sealed record Snapshot(long Requests, IReadOnlyDictionary<string, long> ByKind, double AzuriteCpu, long Timestamp);
}
