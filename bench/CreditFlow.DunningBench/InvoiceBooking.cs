using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.ErpContract;

namespace CreditFlow.DunningBench;

/// <summary>One invoice as the ERP sends it.</summary>
internal sealed record BenchInvoice(string CustomerId, string InvoiceId, decimal Amount);

/// <summary>What a booking run measured: each answer's latency (sign, send, answer read), failures by status, wall time.</summary>
internal sealed record BookingRun(double[] SortedLatenciesMs, int Failures, IReadOnlyDictionary<string, int> Answers, TimeSpan Wall);

/// <summary>
/// Books invoices through the signed ERP webhook <c>POST /api/erp/invoices</c>: <c>concurrency</c> requests in flight
/// (closed loop), or, when <c>rate</c> is above 0, one request arriving every 1/rate seconds whatever is in flight (open
/// loop), each latency counted from its arrival time, so a service that falls behind shows it as latency.
/// </summary>
internal sealed class InvoiceBooking(HttpClient client, int concurrency, int rate = 0)
{
    public async Task<BookingRun> BookAsync(IReadOnlyList<BenchInvoice> invoices, DateOnly issued, DateOnly due, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var answers = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        var arrivals = invoices.Select((invoice, i) => (Invoice: invoice, At: rate > 0 ? start + (long)(i * (double)Stopwatch.Frequency / rate) : 0L)).ToArray();
        async ValueTask SendAsync((BenchInvoice Invoice, long At) arrival, CancellationToken ct)
        {
            var invoice = arrival.Invoice;
            if (rate > 0 && Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), arrival.At) is { TotalMilliseconds: > 0 } wait)
            {
                await Task.Delay(wait, ct);
            }

            var started = rate > 0 ? arrival.At : Stopwatch.GetTimestamp();
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                invoiceId = invoice.InvoiceId,
                customerId = invoice.CustomerId,
                amount = new { amount = invoice.Amount, currency = "CNY" },
                issueDate = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/invoices") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(HostChild.SigningKey, timestamp, body));
            string answer;
            try
            {
                using var response = await client.SendAsync(request, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                answer = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                answer = e.GetType().Name;
                Interlocked.Increment(ref failures);
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            answers.AddOrUpdate(answer, 1, (_, n) => n + 1);
        }

        if (rate > 0)
        {
            await Task.WhenAll(arrivals.Select(a => SendAsync(a, cancellationToken).AsTask()));
        }
        else
        {
            await Parallel.ForEachAsync(arrivals, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, SendAsync);
        }

        return new BookingRun([.. latencies.Order()], failures, answers, clock.Elapsed);
    }
}
