using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.ErpContract;

namespace CreditFlow.OrderBench;

/// <summary>
/// Open-loop load: order webhooks sent on a fixed schedule (phase by phase) whatever the answers' latency
/// (a slow answer does not slow the sender, as with a real ERP), each signed, each for a random customer —
/// the hot ones getting <c>hotShare</c> of all orders. Orders go to the hosts in turn; a 503 is retried as
/// <see cref="ErpRetry"/> says, on the next host, beside the schedule (a retry never delays a new order).
/// </summary>
internal sealed class OrderLoad(IReadOnlyList<HttpClient> hosts, IReadOnlyList<string> customers, IReadOnlyList<string> hot, double hotShare, TimeSpan grace)
{
    private readonly ConcurrentBag<OrderRecord> _orders = [];

    public IReadOnlyCollection<OrderRecord> Orders => _orders;

    /// <summary>
    /// Sends every phase's orders on <paramref name="clock"/> (started by the caller, so that other events
    /// of the run share its time), then waits for every order's final answer.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<LoadPhase> phases, string runId, Stopwatch clock)
    {
        var random = new Random(phases[0].Rate * 7919);
        // Past this, a 503 is final: the run must end, and the limits are checked once nothing is in flight.
        var retriesUntil = LoadPhase.Length(phases) + grace;
        var inFlight = new List<Task>(phases.Sum(p => p.Orders));
        var phaseStart = TimeSpan.Zero;
        foreach (var phase in phases)
        {
            for (var i = 0; i < phase.Orders; i++)
            {
                var due = phaseStart + TimeSpan.FromSeconds((double)i / phase.Rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                var customer = random.NextDouble() < hotShare ? hot[random.Next(hot.Count)] : customers[random.Next(customers.Count)];
                var amount = random.Next(1_000, 50_001);
                var number = inFlight.Count;
                inFlight.Add(SendAsync($"{runId}-{number}", number % hosts.Count, customer, amount, clock, retriesUntil));
            }

            phaseStart += TimeSpan.FromSeconds(phase.Seconds);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(string orderId, int host, string customer, decimal amount, Stopwatch clock, TimeSpan retriesUntil)
    {
        // One body for every attempt: the host knows a resent order by its id and content.
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            orderId,
            customerId = customer,
            amount = new { amount, currency = "CNY" },
            orderDate = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        var attempts = new List<OrderAttempt>(1);
        var first = Stopwatch.GetTimestamp();
        while (true)
        {
            var sentAt = clock.Elapsed;
            var (status, latency, retryAfter, passed) = await AttemptAsync(hosts[host], body);
            attempts.Add(new OrderAttempt(sentAt, host, status, latency));
            var delay = ErpRetry.Delay(retryAfter);
            if (status != 503 || attempts.Count == ErpRetry.MaxAttempts || clock.Elapsed + delay > retriesUntil)
            {
                _orders.Add(new OrderRecord(customer, amount, attempts, passed, Stopwatch.GetElapsedTime(first)));
                return;
            }

            await Task.Delay(delay);
            host = (host + 1) % hosts.Count;
        }
    }

    /// <summary>One signed send (a fresh timestamp each time, as the signature must be recent).</summary>
    private static async Task<(int Status, TimeSpan Latency, RetryConditionHeaderValue? RetryAfter, bool Passed)> AttemptAsync(HttpClient client, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(BenchHost.SigningKey, timestamp, body));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var passed = response.IsSuccessStatusCode && text.Contains("\"decision\":\"pass\"", StringComparison.Ordinal);
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started), response.Headers.RetryAfter, passed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No answer (refused, reset, or the client's timeout): an error of this order, not the end of the run.
            return (0, Stopwatch.GetElapsedTime(started), null, false);
        }
    }
}
