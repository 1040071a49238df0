using System.Globalization;

namespace CreditFlow.OrderBench;

/// <summary>
/// The run's knobs: <c>--profile steady|overload|stall|ceiling</c>, <c>--rates 50,100,200 --seconds 30
/// --runs 1 --customers 1000 --hot 5 --hot-share 0.2 --warmup 10</c>, <c>--phases</c> for the overload profile,
/// <c>--stall-at</c> and <c>--stall-seconds</c> for the stall profile, <c>--processes</c> for a second host
/// process, <c>--grace</c> for late retries, and <c>--in-memory</c> for an Azurite without disk persistence.
/// </summary>
internal sealed record BenchSettings(
    BenchProfile Profile,
    int[] Rates,
    int Seconds,
    int Runs,
    LoadPhase[] Phases,
    int StallAt,
    int StallSeconds,
    int Processes,
    int GraceSeconds,
    int Customers,
    int Hot,
    double HotShare,
    int WarmupSeconds,
    bool InMemory)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Order-check benchmark: signed order webhooks at fixed rates against the real host (see bench/README.md).
          --profile steady     steady (default): each rate --runs times, then a summary of the spread per rate
                               overload: one run through --phases; p99 per 5 s and recovery after the burst
                               stall: one run at one rate with Azurite paused (SIGSTOP) mid-run; recovery after it
                               ceiling: --rates in increasing order, one run each, until p99 > 25 ms; the highest rate that held
          --rates 50,100,200   orders per second, one run each (fresh Azurite and host per run);
                               ceiling default 200,300,400,500,600; stall takes one rate (default 200)
          --seconds 30         measured seconds per run (stall: default 40)
          --runs 1             steady: runs per rate
          --phases 200x30,600x15,200x30
                               overload: rate x seconds, one after the other (warm-up at the first rate)
          --stall-at 20        stall: seconds into the measured run when Azurite is paused
          --stall-seconds 2    stall: how long it stays paused
          --processes 1        host processes: 2 starts a second host in a child process on the same storage;
                               orders alternate between them and a retry goes to the other one
          --grace 15           seconds after the last scheduled order during which 503s are still retried
          --warmup 10          warm-up seconds at the (first) rate, on 100 other customers
          --customers 1000     customers seeded (class B)
          --hot 5              customers near their limit
          --hot-share 0.2      share of the orders that go to them
          --in-memory          Azurite without disk persistence
        A 503 is retried as an ERP would: after its Retry-After (1 s if missing) plus 0-20% jitter, the same order
        id and body with a fresh signature, at most 10 attempts.
        Environment: ORDERBENCH_STORAGE=<connection string> (other storage; not with --profile stall),
        ORDERBENCH_SAMPLES=<path> (every order as CSV), OrderCheck__<option>=<value> (passed to the host(s)).
        """;

    private static readonly string[] Flags = ["--in-memory"];

    private static readonly string[] Options =
    [
        "--profile", "--rates", "--seconds", "--runs", "--phases", "--stall-at", "--stall-seconds", "--processes",
        "--grace", "--warmup", "--customers", "--hot", "--hot-share",
    ];

    /// <exception cref="ArgumentException">An unknown option, a value that does not parse, or settings that contradict each other.</exception>
    public static BenchSettings Parse(string[] args)
    {
        // A mistyped option would otherwise silently measure something else.
        for (var i = 0; i < args.Length; i++)
        {
            if (Options.Contains(args[i]))
            {
                i++;
            }
            else if (!Flags.Contains(args[i]))
            {
                throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var profileName = Value("--profile") ?? "steady";
        if (!Enum.TryParse<BenchProfile>(profileName, ignoreCase: true, out var profile) || !Enum.IsDefined(profile))
        {
            throw new ArgumentException($"Unknown profile '{profileName}': steady, overload, stall or ceiling.");
        }

        var defaultRates = profile switch
        {
            BenchProfile.Ceiling => "200,300,400,500,600",
            BenchProfile.Stall => "200",
            _ => "50,100,200",
        };
        var settings = new BenchSettings(
            profile,
            // The overload profile's rates are its phases'.
            profile == BenchProfile.Overload ? [] : (Value("--rates") ?? defaultRates).Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray(),
            Int("--seconds", profile == BenchProfile.Stall ? 40 : 30),
            Int("--runs", 1),
            // Only the overload profile has phases; the others would report defaults they never ran.
            profile == BenchProfile.Overload ? LoadPhase.ParseList(Value("--phases") ?? LoadPhase.OverloadDefault) : [],
            Int("--stall-at", 20),
            Int("--stall-seconds", 2),
            Int("--processes", 1),
            Int("--grace", 15),
            Int("--customers", 1000),
            Int("--hot", 5),
            double.Parse(Value("--hot-share") ?? "0.2", CultureInfo.InvariantCulture),
            Int("--warmup", 10),
            args.Contains("--in-memory"));
        settings.Check();
        return settings;
    }

    private void Check()
    {
        if (Rates.Any(r => r <= 0) || Seconds <= 0 || Runs <= 0 || Processes <= 0 || GraceSeconds < 0 || WarmupSeconds <= 0)
        {
            throw new ArgumentException("Rates, --seconds, --runs, --processes and --warmup must be positive, --grace not negative.");
        }

        if (Profile == BenchProfile.Stall && Rates.Length != 1)
        {
            throw new ArgumentException("The stall profile runs at one rate: give --rates one value.");
        }

        if (Profile == BenchProfile.Stall && (StallAt <= 0 || StallSeconds <= 0 || StallAt + StallSeconds >= Seconds))
        {
            throw new ArgumentException("The stall must start after 0 s and end before the run does: 0 < --stall-at, --stall-at + --stall-seconds < --seconds.");
        }
    }
}
