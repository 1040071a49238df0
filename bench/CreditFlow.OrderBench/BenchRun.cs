using System.Diagnostics;
using System.Globalization;
using CreditFlow.Testing;

namespace CreditFlow.OrderBench;

/// <summary>
/// One measured run: a fresh Azurite (it saves its whole table database every 5 s, so data left by an
/// earlier run would slow the next one), fresh host(s) with fresh tables and task hub, customers seeded, a
/// warm-up at the first rate, then the phases' orders — with the Azurite stall, if any — and the figures.
/// </summary>
internal static class BenchRun
{
    /// <summary>A disturbance the run recovers from: what it was, and when it ended on the run's clock.</summary>
    public sealed record Disturbance(string After, TimeSpan StartedAt, TimeSpan EndedAt);

    public static async Task<RunResult> RunAsync(
        BenchSettings settings, string label, IReadOnlyList<LoadPhase> phases, (TimeSpan At, TimeSpan Length)? stall = null, Disturbance? recoverAfter = null)
    {
        var rate = phases[0].Rate;
        var runLength = LoadPhase.Length(phases);

        // Azurite's access log stays off (it costs CPU on both sides); the ledger's own request counter gives the requests per order.
        // ORDERBENCH_STORAGE points the run at other storage (an Azurite started with other flags, or an account).
        var external = Environment.GetEnvironmentVariable("ORDERBENCH_STORAGE");
        Progress(label, external is null ? "starting Azurite" + (settings.InMemory ? " in memory" : string.Empty) : "using ORDERBENCH_STORAGE");
        await using var azurite = external is null ? await AzuriteInstance.StartAsync(TimeSpan.FromSeconds(60), inMemoryPersistence: settings.InMemory) : null;
        var connectionString = external ?? azurite!.ConnectionString;
        var name = "ob" + rate + Guid.NewGuid().ToString("N")[..6];
        Progress(label, $"starting {settings.Processes} host process(es)");
        await using var hosts = await HostsUnderTest.StartAsync(connectionString, name, settings.Processes);
        var customers = Enumerable.Range(0, settings.Customers).Select(i => $"c{i:D5}").ToArray();
        var hot = customers.Take(settings.Hot).ToArray();

        // Hot customers' limits are set so about the last 3% of their orders go over: the limit is contended, and some holds start.
        var perHot = phases.Sum(p => p.Orders) * settings.HotShare / settings.Hot * 25_500d;
        var limits = customers.ToDictionary(c => c, c => hot.Contains(c) ? Math.Round((decimal)(perHot * 0.97)) : 50_000_000m);
        Progress(label, $"seeding {customers.Length} customers");
        await hosts.Local.SeedAsync(limits.Select(p => (p.Key, p.Value)).ToArray());

        // Warm-up at the first rate and the hot share on 100 ordinary customers (5 of them as the hot ones, with room):
        // JIT tiers, the lost-race retry path, connection pools and the thread pool settle first, in every host process.
        var grace = TimeSpan.FromSeconds(settings.GraceSeconds);
        Progress(label, $"warm-up {settings.WarmupSeconds} s at {rate}/s");
        var warmCustomers = customers.Skip(settings.Hot).Take(100).ToArray();
        await new OrderLoad(hosts.Clients, warmCustomers, warmCustomers[..settings.Hot], settings.HotShare, grace)
            .RunAsync([new LoadPhase(rate, settings.WarmupSeconds)], "warm", Stopwatch.StartNew());

        var ledgerBefore = await hosts.LedgerRequestsAsync();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var childCpuBefore = hosts.ChildProcessorTime;
        var (gcPauseBefore, gen0Before, gen1Before, gen2Before) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        Progress(label, $"measuring {string.Join(", ", phases)} (rate x s)");
        object stalls;
        var load = new OrderLoad(hosts.Clients, customers.Skip(settings.Hot).ToArray(), hot, settings.HotShare, grace);
        var freeze = stall is { } s ? new AzuriteStall(azurite!.ProcessId, s.At, s.Length) : null;
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var probe = new StallProbe())
        {
            var freezing = freeze?.RunAsync(clock) ?? Task.CompletedTask;
            await load.RunAsync(phases, "run", clock);
            await freezing;
            stalls = new
            {
                process = probe.ProcessStalls.Select(g => $"{g.At}s:{g.Ms}ms").ToArray(),
                threadPool = probe.PoolStalls.Select(g => $"{g.At}s:{g.Ms}ms").ToArray(),
            };
        }

        var wall = clock.Elapsed;
        var ledgerRequests = await hosts.LedgerRequestsAsync() - ledgerBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var childCpu = hosts.ChildProcessorTime - childCpuBefore;
        var gc = new
        {
            pauseMs = Math.Round((GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds),
            gen0 = GC.CollectionCount(0) - gen0Before,
            gen1 = GC.CollectionCount(1) - gen1Before,
            gen2 = GC.CollectionCount(2) - gen2Before,
            threadPoolThreads = ThreadPool.ThreadCount,
        };

        var orders = load.Orders.OrderBy(o => o.SentAt).ToArray();
        await WriteSamplesAsync(label, orders, hot);
        var firstTry = orders.Where(o => o.DecidedFirstTry).ToArray();
        var decided = orders.Where(o => o.Decided).ToArray();
        var result = new RunResult
        {
            Label = label,
            Rate = rate,
            Phases = phases,
            Storage = external is not null ? "ORDERBENCH_STORAGE" : settings.InMemory ? "Azurite, in memory" : "Azurite, disk persistence",
            Processes = settings.Processes,
            Seconds = (int)runLength.TotalSeconds,
            Sent = orders.Length,
            Attempts = orders.Sum(o => o.Attempts.Count),
            WallSeconds = Math.Round(wall.TotalSeconds, 1),
            Errors = orders.Length - decided.Length,
            Passed = decided.Count(o => o.Passed),
            Held = decided.Count(o => !o.Passed),
            Shed = orders.Sum(o => o.Shed),
            OrdersRetried = orders.Count(o => o.Attempts.Count > 1),
            OrdersGaveUp = orders.Count(o => o.FinalStatus == 503),
            OrdersDecidedFirstTry = firstTry.Length,
            FirstTryLatencyMs = Percentiles.Of(firstTry.Select(o => o.FirstLatency)),
            EndToEndMs = Percentiles.Of(orders.Select(o => o.EndToEnd)),
            P99By5Seconds = RecoveryWindows.P99ByWindow(orders, TimeSpan.FromSeconds(5), runLength),
            ShedBy5Seconds = RecoveryWindows.ShedByWindow(orders, TimeSpan.FromSeconds(5), runLength),
            Recovery = recoverAfter is null ? null : RecoveryOf(orders, recoverAfter, runLength),
            AzuriteStall = freeze is null ? null : new { requestedAtSecond = stall!.Value.At.TotalSeconds, seconds = stall.Value.Length.TotalSeconds, stoppedAt = freeze.StoppedAt, resumedAt = freeze.ResumedAt },
            LedgerRequestsPerOrder = Math.Round((double)ledgerRequests / orders.Length, 3),
            LedgerRequestsAbove2PerOrder = ledgerRequests - (2L * orders.Length),
            HostProcessCpuPercentOfOneCore = Math.Round(cpu.TotalMilliseconds / wall.TotalMilliseconds * 100, 0),
            ChildHostsCpuPercentOfOneCore = settings.Processes > 1 ? Math.Round(childCpu.TotalMilliseconds / wall.TotalMilliseconds * 100, 0) : null,
            BenchProcessGc = gc,
            StallsOver20Ms = stalls,
            StartedAtUnixMs = startedAt.ToUnixTimeMilliseconds(),
            LimitViolations = await LimitViolationsAsync(hosts.Local, orders, limits, warmCustomers),
            WarmupOrdersBefore = rate * settings.WarmupSeconds,
        };
        Progress(label, string.Create(CultureInfo.InvariantCulture, $"done: first-try p99 {result.FirstTryLatencyMs.P99} ms, {result.Shed} shed, {result.Errors} errors"));
        return result;
    }

    private static Recovery RecoveryOf(OrderRecord[] orders, Disturbance after, TimeSpan runLength)
    {
        var p99 = RecoveryWindows.P99ByWindow(orders, TimeSpan.FromSeconds(1), runLength);
        var seconds = RecoveryWindows.RecoverySeconds(p99, after.EndedAt);
        var verdict = seconds is { } r ? string.Create(CultureInfo.InvariantCulture, $"recovered {r} s after the end of {after.After}") : "not recovered";
        var shed = RecoveryWindows.ShedByWindow(orders, TimeSpan.FromSeconds(1), runLength);
        var back = RecoveryWindows.BackToTargetSeconds(p99, shed, after.EndedAt);
        return new Recovery(after.After, after.EndedAt.TotalSeconds, seconds, verdict, p99, shed)
        {
            BackToTargetSeconds = back,
            WindowsOverTargetBefore = RecoveryWindows.ShareOverTarget(p99, 0, (int)Math.Floor(after.StartedAt.TotalSeconds)),
            WindowsOverTargetAfter = back is { } b ? RecoveryWindows.ShareOverTarget(p99, (int)Math.Floor(after.EndedAt.TotalSeconds + b), p99.Length) : null,
        };
    }

    /// <summary>
    /// Customers whose passed orders sum above their limit, or (outside the warm-up's customers, who also
    /// carry its orders) whose stored open orders differ from that sum. Checked once no order is in flight.
    /// </summary>
    private static async Task<int> LimitViolationsAsync(BenchHost host, OrderRecord[] orders, Dictionary<string, decimal> limits, string[] warmCustomers)
    {
        var violations = 0;
        foreach (var group in orders.Where(o => o.Decided && o.Passed).GroupBy(o => o.Customer))
        {
            var exposure = (await host.Ledgers.ReadAsync(group.Key, [])).Exposure;
            var passed = group.Sum(o => o.Amount);
            var warm = warmCustomers.Contains(group.Key);
            if (passed > limits[group.Key] || (!warm && exposure?.Amounts.OpenOrders.Amount != passed))
            {
                violations++;
            }
        }

        return violations;
    }

    /// <summary>
    /// With ORDERBENCH_SAMPLES, every order as a CSV line, for finding where a tail comes from: first sent at (s),
    /// first latency (ms), first status, passed, hot — the columns of old — then attempts, final status,
    /// end-to-end (ms) and the host it was first sent to.
    /// </summary>
    private static async Task WriteSamplesAsync(string label, OrderRecord[] orders, string[] hot)
    {
        if (Environment.GetEnvironmentVariable("ORDERBENCH_SAMPLES") is { } samplesFile)
        {
            await File.WriteAllLinesAsync($"{samplesFile}.{label}.csv", orders.Select(o => string.Create(CultureInfo.InvariantCulture,
                $"{o.SentAt.TotalSeconds:F3},{o.FirstLatency.TotalMilliseconds:F1},{o.FirstStatus},{o.Passed},{hot.Contains(o.Customer)},{o.Attempts.Count},{o.FinalStatus},{o.EndToEnd.TotalMilliseconds:F1},{o.Attempts[0].Host + 1}")));
        }
    }

    private static void Progress(string label, string message) => Program.Progress($"{label}: {message}");
}
