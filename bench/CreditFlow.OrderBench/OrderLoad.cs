using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.ErpContract;

namespace CreditFlow.OrderBench;

/// <summary>
/// Open-loop load: order webhooks sent at a fixed rate whatever the answers' latency (a slow answer
/// does not slow the sender, as with a real ERP), each signed, each for a random customer — the hot
/// ones getting <c>hotShare</c> of all orders.
/// </summary>
internal sealed class OrderLoad(HttpClient client, IReadOnlyList<string> customers, IReadOnlyList<string> hot, double hotShare)
{
    private readonly ConcurrentBag<Sample> _samples = [];

    public IReadOnlyCollection<Sample> Samples => _samples;

    public async Task RunAsync(int rate, int seconds, string runId)
    {
        var random = new Random(rate * 7919);
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var customer = random.NextDouble() < hotShare ? hot[random.Next(hot.Count)] : customers[random.Next(customers.Count)];
            var amount = random.Next(1_000, 50_001);
            inFlight.Add(SendAsync($"{runId}-{i}", customer, amount, clock.Elapsed));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(string orderId, string customer, decimal amount, TimeSpan sentAt)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            orderId,
            customerId = customer,
            amount = new { amount, currency = "CNY" },
            orderDate = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
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
            var elapsed = Stopwatch.GetElapsedTime(started);
            var passed = response.IsSuccessStatusCode && text.Contains("\"decision\":\"pass\"", StringComparison.Ordinal);
            _samples.Add(new Sample(customer, amount, elapsed, (int)response.StatusCode, passed, sentAt));
        }
        catch (HttpRequestException)
        {
            _samples.Add(new Sample(customer, amount, Stopwatch.GetElapsedTime(started), 0, false, sentAt));
        }
    }
}

/// <summary>One order's answer: how long it took, the status, and whether it passed.</summary>
internal sealed record Sample(string Customer, decimal Amount, TimeSpan Latency, int Status, bool Passed, TimeSpan SentAt);
