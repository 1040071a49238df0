using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CreditFlow.Testing;

namespace CreditFlow.OrderBench;

/// <summary>
/// The order-check benchmark: for each rate, a fresh host (fresh tables and task hub) on one
/// Azurite, customers seeded, a short warm-up, then signed order webhooks at that rate for the given
/// seconds. Prints one JSON object: latency percentiles of the decision, errors, ledger storage
/// requests per order, holds, and limit violations (a customer whose passed orders exceed its limit,
/// or whose stored open orders differ from the sum of its passed orders). Progress goes to stderr.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchSettings.Usage);
            return 0;
        }

        var settings = BenchSettings.Parse(args);
        var runs = new List<object>();
        foreach (var rate in settings.Rates)
        {
            // A fresh Azurite per rate: it saves its whole table database every 5 s, so data left by an
            // earlier rate would slow the next one. Its access log stays off (it costs CPU on both sides);
            // the ledger's own request counter gives the requests per order.
            // ORDERBENCH_STORAGE points the run at other storage (an Azurite started with other flags, or an account).
            var external = Environment.GetEnvironmentVariable("ORDERBENCH_STORAGE");
            Progress($"rate {rate}: {(external is null ? "starting Azurite" + (settings.InMemory ? " in memory" : string.Empty) : "using ORDERBENCH_STORAGE")}");
            await using var azurite = external is null ? await AzuriteInstance.StartAsync(TimeSpan.FromSeconds(60), inMemoryPersistence: settings.InMemory) : null;
            var connectionString = external ?? azurite!.ConnectionString;
            var name = "ob" + rate + Guid.NewGuid().ToString("N")[..6];
            await using var host = await BenchHost.StartAsync(connectionString, name);
            var customers = Enumerable.Range(0, settings.Customers).Select(i => $"c{i:D5}").ToArray();
            var hot = customers.Take(settings.Hot).ToArray();

            // Hot customers' limits are set so about the last 3% of their orders go over: the limit is contended, and some holds start.
            var perHot = rate * settings.Seconds * settings.HotShare / settings.Hot * 25_500d;
            var limits = customers.ToDictionary(c => c, c => hot.Contains(c) ? Math.Round((decimal)(perHot * 0.97)) : 50_000_000m);
            Progress($"rate {rate}: seeding {customers.Length} customers");
            await host.SeedAsync(limits.Select(p => (p.Key, p.Value)).ToArray());

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = host.Address };
            // Warm-up at the measured rate and hot share on 100 ordinary customers (5 of them as the hot ones, with room):
            // JIT tiers, the lost-race retry path, connection pools and the thread pool settle first.
            Progress($"rate {rate}: warm-up {settings.WarmupSeconds} s at {rate}/s");
            var warmCustomers = customers.Skip(settings.Hot).Take(100).ToArray();
            await new OrderLoad(client, warmCustomers, warmCustomers[..settings.Hot], settings.HotShare).RunAsync(rate, settings.WarmupSeconds, "warm");

            var warmOrders = rate * settings.WarmupSeconds;
            var ledgerBefore = host.LedgerRequests.Total;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (gcPauseBefore, gen0Before, gen1Before, gen2Before) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            Progress($"rate {rate}: measuring {settings.Seconds} s");
            object stalls;
            var load = new OrderLoad(client, customers.Skip(settings.Hot).ToArray(), hot, settings.HotShare);
            var startedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            using (var probe = new StallProbe())
            {
                await load.RunAsync(rate, settings.Seconds, "run");
                stalls = new
                {
                    process = probe.ProcessStalls.Select(g => $"{g.At}s:{g.Ms}ms").ToArray(),
                    threadPool = probe.PoolStalls.Select(g => $"{g.At}s:{g.Ms}ms").ToArray(),
                };
            }

            var wall = clock.Elapsed;
            var ledgerRequests = host.LedgerRequests.Total - ledgerBefore;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var gc = new
            {
                pauseMs = Math.Round((GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds),
                gen0 = GC.CollectionCount(0) - gen0Before,
                gen1 = GC.CollectionCount(1) - gen1Before,
                gen2 = GC.CollectionCount(2) - gen2Before,
                threadPoolThreads = ThreadPool.ThreadCount,
            };

            var samples = load.Samples.OrderBy(s => s.SentAt).ToArray();
            if (Environment.GetEnvironmentVariable("ORDERBENCH_SAMPLES") is { } samplesFile)
            {
                // Every answer, for finding where a tail comes from: sent at (s), latency (ms), status, passed, hot.
                await File.WriteAllLinesAsync($"{samplesFile}.{rate}.csv", samples.Select(s => string.Create(
                    CultureInfo.InvariantCulture, $"{s.SentAt.TotalSeconds:F3},{s.Latency.TotalMilliseconds:F1},{s.Status},{s.Passed},{hot.Contains(s.Customer)}")));
            }

            var ok = samples.Where(s => s.Status == 200).ToArray();
            var latencies = ok.Select(s => s.Latency.TotalMilliseconds).Order().ToArray();
            var violations = 0;
            foreach (var group in samples.Where(s => s.Passed).GroupBy(s => s.Customer))
            {
                var exposure = (await host.Ledgers.ReadAsync(group.Key, [])).Exposure;
                var passed = group.Sum(s => s.Amount);
                var warm = warmCustomers.Contains(group.Key);
                if (passed > limits[group.Key] || (!warm && exposure?.Amounts.OpenOrders.Amount != passed))
                {
                    violations++;
                }
            }

            runs.Add(new
            {
                rate,
                storage = external is not null ? "ORDERBENCH_STORAGE" : settings.InMemory ? "Azurite, in memory" : "Azurite, disk persistence",
                seconds = settings.Seconds,
                sent = samples.Length,
                wallSeconds = Math.Round(wall.TotalSeconds, 1),
                errors = samples.Length - ok.Length,
                passed = ok.Count(s => s.Passed),
                held = ok.Count(s => !s.Passed),
                p99By5Seconds = ok.GroupBy(s => (int)(s.SentAt.TotalSeconds / 5)).OrderBy(g => g.Key)
                    .Select(g => Percentile(g.Select(s => s.Latency.TotalMilliseconds).Order().ToArray(), 0.99)).ToArray(),
                latencyMs = new { p50 = Percentile(latencies, 0.50), p95 = Percentile(latencies, 0.95), p99 = Percentile(latencies, 0.99), max = latencies.LastOrDefault() },
                ledgerRequestsPerOrder = Math.Round((double)ledgerRequests / samples.Length, 3),
                ledgerRequestsAbove2PerOrder = ledgerRequests - (2L * samples.Length),
                hostProcessCpuPercentOfOneCore = Math.Round(cpu.TotalMilliseconds / wall.TotalMilliseconds * 100, 0),
                benchProcessGc = gc,
                stallsOver20Ms = stalls,
                startedAtUnixMs = startedAt.ToUnixTimeMilliseconds(),
                limitViolations = violations,
                warmupOrdersBefore = warmOrders,
            });
            Progress($"rate {rate}: done");
        }

        var result = new
        {
            machine = new
            {
                cores = Environment.ProcessorCount,
                cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() : null,
                os = RuntimeInformation.OSDescription,
                dotnet = RuntimeInformation.FrameworkDescription,
            },
            settings,
            runs,
        };
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        return 0;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);

    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");
}
