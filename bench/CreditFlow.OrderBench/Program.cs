using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditFlow.OrderBench;

/// <summary>
/// The order-check benchmark: signed order webhooks at fixed rates against the real host, one fresh
/// Azurite and host per run (see <see cref="BenchRun"/>), in one of four profiles (<see cref="BenchProfile"/>).
/// Prints one JSON object: the machine, the settings, the host options given, every run's figures
/// (<see cref="RunResult"/>), and per profile a summary per rate or the ceiling. Progress goes to stderr.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 3 && args[0] == ServeMode.Flag)
        {
            return await ServeMode.RunAsync(args[1], args[2]);
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchSettings.Usage);
            return 0;
        }

        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchSettings.Usage);
            return 2;
        }

        if (settings.Profile == BenchProfile.Stall && Environment.GetEnvironmentVariable("ORDERBENCH_STORAGE") is not null)
        {
            Console.Error.WriteLine("The stall profile pauses the Azurite it starts (SIGSTOP); with ORDERBENCH_STORAGE set there is none to pause. Unset ORDERBENCH_STORAGE to run it.");
            return 2;
        }

        var output = new Dictionary<string, object?>
        {
            ["machine"] = new
            {
                cores = Environment.ProcessorCount,
                cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() : null,
                os = RuntimeInformation.OSDescription,
                dotnet = RuntimeInformation.FrameworkDescription,
            },
            ["settings"] = settings,
            ["hostOptions"] = BenchHost.OrderCheckOptions,
        };
        var runs = new List<RunResult>();
        output["runs"] = runs;
        switch (settings.Profile)
        {
            case BenchProfile.Steady:
                output["summary"] = await SteadyAsync(settings, runs);
                break;
            case BenchProfile.Overload:
                var burstEnd = LoadPhase.EndOfHighest(settings.Phases);
                var burst = settings.Phases.MaxBy(p => p.Rate)!;
                runs.Add(await BenchRun.RunAsync(settings, "overload", settings.Phases, recoverAfter: new BenchRun.Disturbance($"the {burst.Rate}/s phase", burstEnd - TimeSpan.FromSeconds(burst.Seconds), burstEnd)));
                break;
            case BenchProfile.Stall:
                var (at, length) = (TimeSpan.FromSeconds(settings.StallAt), TimeSpan.FromSeconds(settings.StallSeconds));
                runs.Add(await BenchRun.RunAsync(
                    settings, "stall", [new LoadPhase(settings.Rates[0], settings.Seconds)], (at, length), new BenchRun.Disturbance("the Azurite stall", at, at + length)));
                break;
            case BenchProfile.Ceiling:
                output["ceilingRate"] = await CeilingAsync(settings, runs);
                break;
        }

        Console.WriteLine(JsonSerializer.Serialize(output, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        }));
        return 0;
    }

    /// <summary>Writes a timestamped progress line to stderr (stdout carries only the JSON).</summary>
    public static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

    /// <summary>Each rate <c>--runs</c> times, then the spread per rate.</summary>
    private static async Task<List<RateSummary>> SteadyAsync(BenchSettings settings, List<RunResult> runs)
    {
        var summary = new List<RateSummary>();
        foreach (var rate in settings.Rates)
        {
            var ofRate = new List<RunResult>();
            for (var run = 1; run <= settings.Runs; run++)
            {
                var label = settings.Runs == 1 ? $"{rate}" : $"{rate}-run{run}";
                ofRate.Add(await BenchRun.RunAsync(settings, label, [new LoadPhase(rate, settings.Seconds)]));
            }

            runs.AddRange(ofRate);
            summary.Add(RateSummary.Of(rate, ofRate));
        }

        return summary;
    }

    /// <summary>
    /// Rates in increasing order, one run each, stopping after the first whose first-try p99 passes 25 ms;
    /// the ceiling is the highest rate that met it with no error and no limit violation (null if none did).
    /// </summary>
    private static async Task<int?> CeilingAsync(BenchSettings settings, List<RunResult> runs)
    {
        int? ceiling = null;
        foreach (var rate in settings.Rates.Order())
        {
            var run = await BenchRun.RunAsync(settings, $"ceiling-{rate}", [new LoadPhase(rate, settings.Seconds)]);
            runs.Add(run);
            if (run.FirstTryLatencyMs.P99 is not <= RecoveryWindows.TargetMs)
            {
                break;
            }

            if (run.Errors == 0 && run.LimitViolations == 0)
            {
                ceiling = rate;
            }
        }

        return ceiling;
    }
}
