using System.Globalization;
using System.Reflection;

namespace CreditFlow.DunningBench;

/// <summary>Command-line options (see bench/README.md, "Dunning at scale").</summary>
internal sealed record BenchSettings
{
    /// <summary>Invoices booked in all (N); the first idle window is taken at N/10.</summary>
    public int Invoices { get; init; } = 2000;

    /// <summary>Invoices per customer; a customer's invoices share their dates, so its letter of the day lists them all.</summary>
    public int InvoicesPerCustomer { get; init; } = 2;

    /// <summary>Webhook requests in flight at a time while booking (closed loop).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>
    /// Bookings arriving per second in the measured booking (open loop: each sent at its arrival time whatever is still in
    /// flight, its latency counted from that time); 0 for the closed loop of <see cref="Concurrency"/>.
    /// </summary>
    public int Rate { get; init; }

    /// <summary>Payment term: every invoice is issued on the (business) day of the run and falls due this many days later.</summary>
    public int TermDays { get; init; } = 30;

    /// <summary>Ladder steps walked after the idle windows, one advance each; the due day is the payment-notice step. 0: booking and idle only (at 100,000 invoices a step takes most of an hour).</summary>
    public int Steps { get; init; } = 4;

    public int IdleSeconds { get; init; } = 60;

    /// <summary>Quiet time after the last timer is stored before an idle window (the workflows commit their timers).</summary>
    public int SettleSeconds { get; init; } = 10;

    /// <summary>Longest wait for one phase (booking, the workflows asleep, one ladder step).</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The watchdog: kills the host and Azurite and exits 3 after this.</summary>
    public TimeSpan HardTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Azurite on disk (as the tests run it) rather than in memory.</summary>
    public bool Disk { get; init; }

    /// <summary>Azurite finding rows by partition first, as the storage service does (<see cref="IndexedLookupsAzurite"/>).</summary>
    public bool IndexedLookups { get; init; }

    public string HostDll { get; init; } = typeof(BenchSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CreditFlowHostDll").Value!;

    public static BenchSettings Parse(string[] args)
    {
        var s = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            if (args[i] == "--disk")
            {
                s = s with { Disk = true };
                continue;
            }

            if (args[i] == "--indexed-lookups")
            {
                s = s with { IndexedLookups = true };
                continue;
            }

            s = args[i] switch
            {
                "--invoices" => s with { Invoices = Int(value) },
                "--invoices-per-customer" => s with { InvoicesPerCustomer = Int(value) },
                "--concurrency" => s with { Concurrency = Int(value) },
                "--rate" => s with { Rate = Int(value) },
                "--term-days" => s with { TermDays = Int(value) },
                "--steps" => s with { Steps = Int(value) },
                "--idle-seconds" => s with { IdleSeconds = Int(value) },
                "--settle-seconds" => s with { SettleSeconds = Int(value) },
                "--phase-timeout-seconds" => s with { PhaseTimeout = TimeSpan.FromSeconds(Int(value)) },
                "--hard-timeout-seconds" => s with { HardTimeout = TimeSpan.FromSeconds(Int(value)) },
                "--host-dll" => s with { HostDll = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. See bench/README.md, \"Dunning at scale\"."),
            };
            i++;
        }

        if (s.Invoices < 10 || s.InvoicesPerCustomer < 1 || s.Concurrency < 1 || s.Rate < 0 || s.TermDays < 8 || s.Steps < 0 || s.IdleSeconds < 1)
        {
            throw new ArgumentException("Need --invoices ≥ 10, --invoices-per-customer ≥ 1, --concurrency ≥ 1, --rate ≥ 0, --term-days ≥ 8, --steps ≥ 0, --idle-seconds ≥ 1.");
        }

        return s;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
