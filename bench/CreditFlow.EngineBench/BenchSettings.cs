using System.Globalization;

namespace CreditFlow.EngineBench;

/// <summary>Command-line options; every one has the value as its default.</summary>
internal sealed record BenchSettings
{
    public int HelloSequences { get; init; } = 500;
    public int Parallelism { get; init; } = 50;
    public int FanOut { get; init; } = 500;
    public int Sequential { get; init; } = 50;
    public int Lifecycles { get; init; } = 10;
    public int WarmUp { get; init; } = 20;
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(4);
    public IReadOnlyList<string> Engines { get; init; } = ["creditflow", "ms-default", "ms-tuned"];
    public bool TunedExtendedSessions { get; init; } = true;
    public TimeSpan TunedPolling { get; init; } = TimeSpan.FromSeconds(1);
    public int TunedOrchestrations { get; init; } = 50;
    public int TunedActivities { get; init; } = 20;

    /// <summary>Set in a child process: the engine it measures and the Azurite it uses.</summary>
    public string? ChildEngine { get; init; }
    public string? Connection { get; init; }

    public Engine EngineNamed(string name) => name switch
    {
        "creditflow" => Engine.CreditFlow,
        "ms-default" => Engine.MicrosoftDefaults,
        "ms-tuned" => Engine.Tuned(TunedExtendedSessions, TunedPolling, TunedOrchestrations, TunedActivities),
        _ => throw new ArgumentException($"Unknown engine '{name}': creditflow, ms-default or ms-tuned."),
    };

    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            s = args[i] switch
            {
                "--hello" => s with { HelloSequences = Int(value) },
                "--parallel" => s with { Parallelism = Int(value) },
                "--fanout" => s with { FanOut = Int(value) },
                "--sequential" => s with { Sequential = Int(value) },
                "--lifecycles" => s with { Lifecycles = Int(value) },
                "--warmup" => s with { WarmUp = Int(value) },
                "--scenario-timeout-seconds" => s with { ScenarioTimeout = TimeSpan.FromSeconds(Int(value)) },
                "--engines" => s with { Engines = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--tuned-extended-sessions" => s with { TunedExtendedSessions = bool.Parse(value) },
                "--tuned-polling" => s with { TunedPolling = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--tuned-orchestrations" => s with { TunedOrchestrations = Int(value) },
                "--tuned-activities" => s with { TunedActivities = Int(value) },
                "--child" => s with { ChildEngine = value },
                "--connection" => s with { Connection = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. See bench/README.md."),
            };
            i++;
        }

        return s;
    }

    /// <summary>The arguments that give a child process these settings.</summary>
    public IEnumerable<string> ChildArguments(string engine, string connection) =>
    [
        "--hello", Str(HelloSequences), "--parallel", Str(Parallelism), "--fanout", Str(FanOut), "--sequential", Str(Sequential),
        "--lifecycles", Str(Lifecycles), "--warmup", Str(WarmUp), "--scenario-timeout-seconds", Str((int)ScenarioTimeout.TotalSeconds),
        "--tuned-extended-sessions", TunedExtendedSessions ? "true" : "false", "--tuned-polling", TunedPolling.ToString(),
        "--tuned-orchestrations", Str(TunedOrchestrations), "--tuned-activities", Str(TunedActivities),
        "--child", engine, "--connection", connection,
    ];

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
