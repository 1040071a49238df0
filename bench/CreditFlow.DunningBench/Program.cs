using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CreditFlow.Bench;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Tasks;

namespace CreditFlow.DunningBench;

/// <summary>
/// Dunning at scale (issue 14), on one fresh Azurite whose access log counts every storage request, against the real host
/// in a child process on the rehearsal clock:
/// 1. books N/10 invoices through the signed ERP webhook, waits until each dunning workflow has looked once and sleeps on
///    its timer, and counts storage requests over an idle window;
/// 2. books the other 9N/10 (the measured booking: rate and latency at a fixed concurrency, or at a fixed arrival rate
///    with --rate), waits, and counts the idle window again: the idle cost must not grow with the number of invoices
///    waiting;
/// 3. walks the ladder: moves business time to each next step's day (all invoices share their dates) and times until
///    every invoice's step is taken — the due day (payment notice, letters in the outbox) and the day after (call tasks).
/// Progress on stderr; one JSON object on stdout. Exit 0 when every phase finished with every invoice accounted for,
/// 1 otherwise, 3 when the watchdog fired.
/// </summary>
internal static class Program
{
    private const string DunningTable = "creditDunning";
    private const string ReceivablesTable = "creditReceivables";
    private const string TasksTable = "creditTasks";
    private const string OutboxContainer = "creditflow-outbox";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static HostChild? s_host;
    private static CountedAzurite? s_azurite;

    private static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        using var watchdog = new Timer(_ => HardTimeout(settings), null, settings.HardTimeout, Timeout.InfiniteTimeSpan);
        Progress($"starting Azurite ({Emulator(settings)}) with its access log");
        await using var azurite = await CountedAzurite.StartAsync(DunningTable, settings.Disk, settings.IndexedLookups);
        s_azurite = azurite;
        Progress($"starting the host ({settings.HostDll})");
        using var host = HostChild.Start(settings.HostDll, azurite.ConnectionString);
        s_host = host;
        try
        {
            return await RunAsync(settings, azurite, host);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or RequestFailedException or OperationCanceledException)
        {
            Progress($"failed: {e.Message}\nhost's recent output:\n{host.RecentLog}");
            Console.WriteLine(JsonSerializer.Serialize(new { failed = e.Message, hostProblemLines = host.ProblemLines }, Indented));
            return 1;
        }
    }

    private static async Task<int> RunAsync(BenchSettings settings, CountedAzurite azurite, HostChild host)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Rate > 0 ? 1024 : Math.Max(4, settings.Concurrency) })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var tables = new TableServiceClient(azurite.ConnectionString);
        var dunning = new DunningStore(tables.GetTableClient(DunningTable), tables.GetTableClient(ReceivablesTable));
        var snap = new Snapshots(azurite, host);

        var started = Stopwatch.StartNew();
        var businessNow = (await UntilAsync(async () => await BusinessNowAsync(http), TimeSpan.FromSeconds(120), "the host answers", host))!.Value;
        Progress($"host up after {started.Elapsed.TotalSeconds:0.0} s; business time {businessNow:yyyy-MM-dd HH:mm} UTC");
        var issued = DateOnly.FromDateTime(businessNow.UtcDateTime);
        var due = issued.AddDays(settings.TermDays);

        // A customer's invoices are N/k apart in the sending order, so they are never booked at the same moment (the
        // customer's ledger row would make them race) yet share their dates: one letter per customer and day lists them.
        var customers = (settings.Invoices + settings.InvoicesPerCustomer - 1) / settings.InvoicesPerCustomer;
        var invoices = Enumerable.Range(0, settings.Invoices)
            .Select(i => new BenchInvoice($"c{i % customers:D6}", $"inv{i:D7}", 10_000m + (i % 1000)))
            .ToArray();
        var tenth = settings.Invoices / 10;
        var booking = new InvoiceBooking(http, settings.Concurrency);
        var ok = true;

        // 1. N/10 invoices (also the warm-up of the host, the client and Azurite), then idle.
        Progress($"booking the first tenth: {tenth} invoices, {settings.Concurrency} in flight");
        var firstRun = await booking.BookAsync(invoices[..tenth], issued, due, Cancel(settings));
        var firstAsleep = await AsleepAsync(azurite, host, tables, firstRun, tenth, settings);
        ok &= firstRun.Failures == 0 && firstAsleep.Reached;
        var idleAtTenth = await IdleAsync(snap, settings, dunning, host, $"idle at N/10 = {tenth} invoices waiting");

        // 2. The other 9N/10: the measured booking.
        var rest = invoices[tenth..];
        Progress(settings.Rate > 0
            ? $"booking the rest: {rest.Length} invoices arriving at {settings.Rate}/s, open loop (measured)"
            : $"booking the rest: {rest.Length} invoices, {settings.Concurrency} in flight (measured)");
        var bookingFrom = snap.Take();
        var run = await new InvoiceBooking(http, settings.Concurrency, settings.Rate).BookAsync(rest, issued, due, Cancel(settings));
        var bookingTo = snap.Take();
        var asleep = await AsleepAsync(azurite, host, tables, run, settings.Invoices, settings);
        var asleepTo = snap.Take();
        ok &= run.Failures == 0 && asleep.Reached;
        var idleAtAll = await IdleAsync(snap, settings, dunning, host, $"idle at N = {settings.Invoices} invoices waiting");

        // 3. The ladder, one step (one advance of the rehearsal clock) at a time.
        var steps = new List<object>();
        object? dueDay = null;
        double? dueDayRate = null;
        for (var step = 0; step < settings.Steps; step++)
        {
            var sample = await dunning.GetAsync(invoices[0].CustomerId, invoices[0].InvoiceId)
                ?? throw new InvalidOperationException($"Invoice {invoices[0].InvoiceId} is not in the dunning table.");
            if (sample.Standing.NextDueOn is not { } nextDay || sample.Standing.NextStep is not { } code)
            {
                Progress($"the ladder has no next step after level {sample.Standing.Level}");
                break;
            }

            var today = DateOnly.FromDateTime((await BusinessNowAsync(http))!.Value.UtcDateTime);
            var days = Math.Max(1, nextDay.DayNumber - today.DayNumber);
            Progress($"step {step + 1}: {code} on {nextDay:yyyy-MM-dd}: advancing business time {days} day(s)");
            var result = await StepAsync(http, azurite, host, snap, tables, dunning, settings, code, nextDay, days, sample.Standing.Level + 1);
            ok &= result.Complete;
            steps.Add(result.Figures);
            if (code == "payment-notice")
            {
                dueDay = result.Figures;
                dueDayRate = result.InvoicesPerSecond;
            }
        }

        var (_, hostPeak) = host.MemoryMb();
        var measured = rest.Length;
        var bookingRate = measured / run.Wall.TotalSeconds;
        var p99 = Quantile(run.SortedLatenciesMs, 0.99);
        var idleGrowth = idleAtTenth.RequestsPerMinute > 0 ? idleAtAll.RequestsPerMinute / idleAtTenth.RequestsPerMinute : (double?)null;
        var report = new
        {
            machine = new
            {
                cores = Environment.ProcessorCount,
                cpu = ProcessStats.CpuModel(),
                os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                dotnet = Environment.Version.ToString(),
                loadAverageAtEnd = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
            },
            settings = new
            {
                invoices = settings.Invoices,
                customers,
                settings.InvoicesPerCustomer,
                settings.Concurrency,
                booking = settings.Rate > 0 ? $"open loop: {settings.Rate} arrivals/s, latency from each arrival" : $"closed loop: {settings.Concurrency} in flight",
                settings.TermDays,
                issued = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                due = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                settings.IdleSeconds,
                settings.SettleSeconds,
                azurite = Emulator(settings),
                hostDll = settings.HostDll,
            },
            firstTenth = new
            {
                booked = tenth,
                failures = firstRun.Failures,
                answers = firstRun.Answers,
                perSecond = Round(tenth / firstRun.Wall.TotalSeconds),
                latencyMs = Latency(firstRun.SortedLatenciesMs),
                asleep = firstAsleep,
            },
            booking = new
            {
                booked = measured,
                failures = run.Failures,
                answers = run.Answers,
                wallSeconds = Round(run.Wall.TotalSeconds),
                perSecond = Round(bookingRate),
                latencyMs = Latency(run.SortedLatenciesMs),
                window = Snapshots.Window(bookingFrom, bookingTo, measured),
                untilAsleep = Snapshots.Window(bookingFrom, asleepTo, measured),
                asleep,
            },
            idle = new
            {
                atTenth = idleAtTenth,
                atAll = idleAtAll,
                growth = idleGrowth is { } g ? Round(g) : (double?)null,
            },
            ladder = steps,
            dueDay,
            hostMemory = new { peakWorkingSetMb = hostPeak, hostProblemLines = host.ProblemLines },
            azuritePeakResidentMb = ProcessStats.PeakResidentBytes(azurite.ProcessId) is { } a ? Round(a / 1048576.0) : (double?)null,
            targets = new
            {
                bookingPerSecond = Target(bookingRate, ">=", 200),
                bookingP99Ms = Target(p99, "<=", 50),
                idleRequestsPerMinuteGrowth = Target(idleGrowth, "<=", 1.1),
                hostPeakWorkingSetMb = Target(hostPeak, "<=", 500),
                dueDayInvoicesPerSecond = Target(dueDayRate, ">=", 50),
            },
            complete = ok,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, Indented));
        Progress(ok ? "done" : "done, but not every invoice was accounted for: see the JSON");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Waits until the workflow of every invoice booked so far is asleep on its first timer (its row stored). Version 2 of
    /// dunning takes no look before the first step's day (the booking recorded where the invoice stands), so the dunning
    /// records saved meanwhile stay at what version 1's first looks would have been: none.
    /// </summary>
    private static async Task<Asleep> AsleepAsync(CountedAzurite azurite, HostChild host, TableServiceClient tables, BookingRun run, int expected, BenchSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var booked = run.Answers.GetValueOrDefault("200");
        var timersTable = tables.GetTableClient(HostChild.HubName + "Timers");
        var timers = await UntilAsync(async () => await CountRowsAsync(timersTable) is var n && n >= expected ? n : (long?)null, settings.PhaseTimeout, $"{expected} timers stored", host, throwOnTimeout: false);
        var waited = clock.Elapsed;
        Progress($"asleep: {timers?.ToString(CultureInfo.InvariantCulture) ?? "fewer than expected"} timers of {expected} after {waited.TotalSeconds:0.0} s (this run booked {booked}); dunning records saved by looks: {azurite.DunningSaves}");
        return new Asleep(timers is not null, azurite.DunningSaves, Round(waited.TotalSeconds), timers ?? await CountRowsAsync(timersTable));
    }

    /// <summary>
    /// Waits until the receivables summaries have caught up with the booking (no customer marked changed: each booked invoice
    /// marks its customer, and the summary service works them off behind the webhook), lets the host settle, then counts
    /// every storage request over the idle window. Without the first wait a large booking's summary work would be counted
    /// as idle cost.
    /// </summary>
    private static async Task<IdleWindow> IdleAsync(Snapshots snap, BenchSettings settings, DunningStore dunning, HostChild host, string label)
    {
        var catchingUp = Stopwatch.StartNew();
        var caughtUp = await UntilAsync(
            async () => (await dunning.ChangedCustomersAsync(1)).Count == 0 ? (bool?)true : null, settings.PhaseTimeout, "receivables summaries caught up", host, throwOnTimeout: false, pollMs: 1000);
        var caughtUpAfter = catchingUp.Elapsed;
        Progress($"{label}: receivables summaries {(caughtUp is true ? "caught up" : "still behind")} after {caughtUpAfter.TotalSeconds:0.0} s; settling {settings.SettleSeconds} s, then an idle window of {settings.IdleSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds));
        var from = snap.Take();
        await Task.Delay(TimeSpan.FromSeconds(settings.IdleSeconds));
        var to = snap.Take();
        var requests = to.Requests - from.Requests;
        var minutes = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalMinutes;
        var (rss, peak) = to.HostMemoryMb;
        Progress($"{label}: {requests} storage requests in {minutes * 60:0} s, host working set {rss} MB (peak {peak} MB)");
        return new IdleWindow(
            caughtUp is true ? Round(caughtUpAfter.TotalSeconds) : null,
            Round(minutes * 60),
            requests,
            Round(requests / minutes),
            Round((to.AzuriteCpu - from.AzuriteCpu) / (minutes * 60)),
            Round((to.HostCpu - from.HostCpu) / (minutes * 60)),
            rss,
            peak,
            Snapshots.TopKinds(from, to, 12));
    }

    /// <summary>One ladder step: advance the rehearsal clock to its day, time until every invoice's record is saved by its look.</summary>
    private static async Task<StepResult> StepAsync(
        HttpClient http, CountedAzurite azurite, HostChild host, Snapshots snap, TableServiceClient tables, DunningStore dunning, BenchSettings settings,
        string code, DateOnly day, int days, int expectedLevel)
    {
        var target = azurite.DunningSaves + settings.Invoices;
        var mailsBefore = await CountOutboxAsync(azurite.ConnectionString);
        var from = snap.Take();
        var clock = Stopwatch.StartNew();
        using (var advance = new HttpRequestMessage(HttpMethod.Post, "/api/rehearsal/advance") { Content = JsonContent.Create(new { days }) })
        {
            advance.Headers.Add("x-api-key", HostChild.AdminKey);
            using var answer = await http.SendAsync(advance);
            answer.EnsureSuccessStatusCode();
        }

        var first = (double?)null;
        var start = azurite.DunningSaves;
        var reached = await UntilAsync(
            () =>
            {
                first ??= azurite.DunningSaves > start ? clock.Elapsed.TotalSeconds : null;
                return Task.FromResult(azurite.DunningSaves >= target ? (bool?)true : null);
            },
            settings.PhaseTimeout,
            $"{code}: every invoice looked at",
            host,
            throwOnTimeout: false,
            pollMs: 50) is true;
        var seconds = clock.Elapsed.TotalSeconds;
        var to = snap.Take();
        var processed = settings.Invoices - (int)Math.Max(0, target - azurite.DunningSaves);
        var rate = processed / seconds;
        Progress($"{code}: {processed} of {settings.Invoices} invoices in {seconds:0.0} s ({rate:0.0}/s), first after {first:0.0} s");

        // Checked after the window, so the checks' own reads are not in it.
        var levels = new SortedDictionary<int, int>();
        string? continuation = null;
        do
        {
            (var page, continuation) = await dunning.ListAsync(null, 1000, continuation);
            foreach (var record in page)
            {
                levels[record.Standing.Level] = levels.GetValueOrDefault(record.Standing.Level) + 1;
            }
        }
        while (continuation is not null);

        var mails = await CountOutboxAsync(azurite.ConnectionString);
        var tasks = (await new CreditTaskStore(tables.GetTableClient(TasksTable)).ListAsync()).Count;
        var atLevel = levels.GetValueOrDefault(expectedLevel);
        var complete = reached && atLevel == settings.Invoices;
        Progress($"{code}: records at level {expectedLevel}: {atLevel}; letters in the outbox {mails} (+{mails - mailsBefore}); open tasks {tasks}");
        var figures = new
        {
            step = code,
            day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            advancedDays = days,
            invoices = settings.Invoices,
            processed,
            complete,
            seconds = Round(seconds),
            invoicesPerSecond = Round(rate),
            firstStepTakenAfterSeconds = first is { } f ? Round(f) : (double?)null,
            invoicesPerSecondAfterFirst = first is { } g && seconds > g ? Round(processed / (seconds - g)) : (double?)null,
            recordsByLevel = levels.ToDictionary(l => l.Key.ToString(CultureInfo.InvariantCulture), l => l.Value),
            lettersAdded = mails - mailsBefore,
            lettersInOutbox = mails,
            openTasks = tasks,
            window = Snapshots.Window(from, to, settings.Invoices),
        };
        return new StepResult(figures, complete, rate);
    }

    private static async Task<DateTimeOffset?> BusinessNowAsync(HttpClient http)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/rehearsal");
            request.Headers.Add("x-api-key", HostChild.AdminKey);
            using var answer = await http.SendAsync(request);
            if (!answer.IsSuccessStatusCode)
            {
                return null;
            }

            var view = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return view.GetProperty("now").GetDateTimeOffset();
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    private static async Task<long> CountRowsAsync(TableClient table)
    {
        var count = 0L;
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000).AsPages())
            {
                count += page.Values.Count;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet.
        }

        return count;
    }

    private static async Task<int> CountOutboxAsync(string connectionString)
    {
        var container = new BlobContainerClient(connectionString, OutboxContainer);
        var count = 0;
        try
        {
            await foreach (var page in container.GetBlobsAsync().AsPages(pageSizeHint: 5000))
            {
                count += page.Values.Count;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No mail yet.
        }

        return count;
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value; fails fast when the host died.</summary>
    private static async Task<T?> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, HostChild host, bool throwOnTimeout = true, int pollMs = 200)
        where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (host.HasExited)
            {
                throw new InvalidOperationException($"The host exited while waiting for {what}.");
            }

            if (clock.Elapsed > timeout)
            {
                if (throwOnTimeout)
                {
                    throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
                }

                Progress($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
                return null;
            }

            await Task.Delay(pollMs);
        }
    }

    private static CancellationToken Cancel(BenchSettings settings) => new CancellationTokenSource(settings.PhaseTimeout).Token;

    private static object Latency(double[] sorted) => sorted.Length == 0
        ? new { count = 0 }
        : new { count = sorted.Length, p50 = Round(Quantile(sorted, 0.50)), p95 = Round(Quantile(sorted, 0.95)), p99 = Round(Quantile(sorted, 0.99)), max = Round(sorted[^1]), mean = Round(sorted.Average()) };

    /// <summary>Nearest rank.</summary>
    private static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static object Target(double? measured, string comparison, double target) => new
    {
        target = $"{comparison} {target.ToString(CultureInfo.InvariantCulture)}",
        measured = measured is { } m ? Round(m) : (double?)null,
        met = measured is { } v && (comparison == ">=" ? v >= target : v <= target),
    };

    internal static double Round(double value) => Math.Round(value, 2);

    private static string Emulator(BenchSettings settings) =>
        (settings.Disk ? "on disk" : "in memory") + (settings.IndexedLookups ? ", rows found by partition first (--indexed-lookups)" : string.Empty);

    internal static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private static void HardTimeout(BenchSettings settings)
    {
        Progress($"watchdog: the run exceeded {settings.HardTimeout.TotalSeconds:0} s; stopping the host and Azurite");
        s_host?.Dispose();
        try
        {
            s_azurite?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Exiting anyway.
        }

        Environment.Exit(3);
    }

    private sealed record Asleep(bool Reached, long DunningSavesSoFar, double SecondsAfterBooking, long TimersStored);

    // SummariesCaughtUpAfterSeconds: how long the receivables summaries took to catch up before the window; null when they had not.
    private sealed record IdleWindow(
        double? SummariesCaughtUpAfterSeconds, double Seconds, long StorageRequests, double RequestsPerMinute, double AzuriteCoresBusy, double HostCoresBusy,
        double? HostWorkingSetMb, double? HostPeakWorkingSetMb, IReadOnlyDictionary<string, long> RequestsByKind);

    private sealed record StepResult(object Figures, bool Complete, double InvoicesPerSecond);
}
