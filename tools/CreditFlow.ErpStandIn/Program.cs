using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CreditFlow.ErpContract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CreditFlow.ErpStandIn;

/// <summary>
/// A stand-in for the ERP, for trying the order check by hand:
/// <code>
/// dotnet run --project tools/CreditFlow.ErpStandIn -- listen                     # prints callbacks on http://127.0.0.1:7099/erp/callback
/// dotnet run --project tools/CreditFlow.ErpStandIn -- order C1 O-1 120000         # posts a signed order
/// dotnet run --project tools/CreditFlow.ErpStandIn -- shipment C1 O-1 S-1 60000
/// dotnet run --project tools/CreditFlow.ErpStandIn -- invoice C1 I-1 60000 2026-04-30 [O-1]
/// dotnet run --project tools/CreditFlow.ErpStandIn -- payment C1 P-1 60000 invoice:I-1   (or order:O-1 for a prepayment)
/// dotnet run --project tools/CreditFlow.ErpStandIn -- cancel C1 O-1
/// </code>
/// Settings come from the environment like the host's: <c>Erp__SigningKeys__0</c> (default: the sample's
/// key), <c>CREDITFLOW_URL</c> (default http://localhost:7071) and <c>ERP_LISTEN_URL</c> for <c>listen</c>.
/// </summary>
internal static class Program
{
    private const string SampleKey = "local-erp-signing-key-change-me-0123456789";

    /// <summary>Sends of one document at most, the first included, while the host answers 503 (busy).</summary>
    private const int MaxAttempts = 5;

    private static async Task<int> Main(string[] args)
    {
        var key = Environment.GetEnvironmentVariable("Erp__SigningKeys__0") is { Length: > 0 } k ? k : SampleKey;
        var host = new Uri(Environment.GetEnvironmentVariable("CREDITFLOW_URL") ?? "http://localhost:7071");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Money(string amount) => $"{{\"amount\":{decimal.Parse(amount, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)},\"currency\":\"CNY\"}}";
        string Text(string value) => System.Text.Json.JsonSerializer.Serialize(value);

        (string Path, string Json)? message = args switch
        {
            ["order", var c, var o, var amount] => ("orders", $"{{\"orderId\":{Text(o)},\"customerId\":{Text(c)},\"amount\":{Money(amount)},\"orderDate\":\"{today}\"}}"),
            ["order", var c, var o, var amount, var prepaid] => ("orders", $"{{\"orderId\":{Text(o)},\"customerId\":{Text(c)},\"amount\":{Money(amount)},\"orderDate\":\"{today}\",\"prepaymentReceived\":{Money(prepaid)}}}"),
            ["shipment", var c, var o, var s, var amount] => ("shipments", $"{{\"shipmentId\":{Text(s)},\"orderId\":{Text(o)},\"customerId\":{Text(c)},\"amount\":{Money(amount)},\"shipDate\":\"{today}\"}}"),
            ["invoice", var c, var i, var amount, var due, .. var rest] => ("invoices", $"{{\"invoiceId\":{Text(i)},\"customerId\":{Text(c)},{(rest.Length > 0 ? $"\"orderId\":{Text(rest[0])}," : "")}\"amount\":{Money(amount)},\"issueDate\":\"{today}\",\"dueDate\":\"{due}\"}}"),
            ["payment", var c, var p, var amount, var target] when target.Split(':') is [var kind and ("invoice" or "order"), var id] =>
                ("payments", $"{{\"paymentId\":{Text(p)},\"customerId\":{Text(c)},\"{kind}Id\":{Text(id)},\"amount\":{Money(amount)},\"receivedOn\":\"{today}\"}}"),
            ["cancel", var c, var o] => ("order-cancellations", $"{{\"cancellationId\":{Text("cancel-" + o)},\"orderId\":{Text(o)},\"customerId\":{Text(c)}}}"),
            _ => null,
        };

        if (args is ["listen"])
        {
            await ListenAsync(key, Environment.GetEnvironmentVariable("ERP_LISTEN_URL") ?? "http://127.0.0.1:7099");
            return 0;
        }

        if (message is not { } m)
        {
            Console.Error.WriteLine("usage: listen | order C O AMOUNT [PREPAID] | shipment C O S AMOUNT | invoice C I AMOUNT DUE [O] | payment C P AMOUNT invoice:I|order:O | cancel C O");
            return 2;
        }

        using var client = new HttpClient { BaseAddress = host };
        var body = Encoding.UTF8.GetBytes(m.Json);
        for (var attempt = 1; ; attempt++)
        {
            // Signed afresh each time: a retry minutes later would carry a stale timestamp.
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/" + m.Path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(key, timestamp, body));
            using var response = await client.SendAsync(request);
            Console.WriteLine($"POST /api/erp/{m.Path} → {(int)response.StatusCode}");
            Console.WriteLine(await response.Content.ReadAsStringAsync());

            // Busy: the same document again after the pause the host asks for, as an ERP would.
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
            {
                return response.IsSuccessStatusCode ? 0 : 1;
            }

            var pause = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            Console.WriteLine($"busy: sending it again in {pause.TotalSeconds:F0} s (attempt {attempt + 1} of {MaxAttempts})");
            await Task.Delay(pause);
        }
    }

    /// <summary>Receives callbacks, checks their signature, prints them and answers 200 (set ERP_FAIL_FIRST=n to answer 500 n times first).</summary>
    private static async Task ListenAsync(string key, string url)
    {
        var failures = int.TryParse(Environment.GetEnvironmentVariable("ERP_FAIL_FIRST"), out var n) ? n : 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/erp/callback", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var check = ErpSignature.Verify([key], http.Request.Headers[ErpSignature.TimestampHeader], http.Request.Headers[ErpSignature.SignatureHeader], buffer.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var status = Interlocked.Decrement(ref failures) >= 0 ? 500 : 200;
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] callback, Idempotency-Key {http.Request.Headers["Idempotency-Key"]}, signature {check}, answering {status}");
            Console.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            return Results.StatusCode(status);
        });
        Console.WriteLine($"ERP stand-in listening on {url}/erp/callback (set Erp__CallbackUrl to it). Ctrl+C to stop.");
        await app.RunAsync();
    }
}
