using System.Collections.Concurrent;
using System.Text;
using CreditFlow.ErpContract;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>
/// The ERP's side of the callback: a loopback Kestrel endpoint that records every callback
/// (body, idempotency key, whether the signature verifies) and answers with the status the test
/// chooses per attempt — by default 200.
/// </summary>
internal sealed class ErpCallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scripted = new();

    private ErpCallbackReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    /// <summary>Makes the next callbacks answer these statuses, in order; after them 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scripted.Enqueue(status);
        }
    }

    public static async Task<ErpCallbackReceiver> StartAsync(string signingKey, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new ErpCallbackReceiver(app);
        app.MapPost("/erp/callback", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var signed = ErpSignature.Verify(
                [signingKey], http.Request.Headers[ErpSignature.TimestampHeader], http.Request.Headers[ErpSignature.SignatureHeader], body, clock.GetUtcNow(), TimeSpan.FromMinutes(5));
            var status = receiver._scripted.TryDequeue(out var s) ? s : 200;
            receiver.Received.Enqueue(new ReceivedCallback(Encoding.UTF8.GetString(body), http.Request.Headers["Idempotency-Key"].ToString(), signed == SignatureCheck.Valid, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/erp/callback");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One callback as the ERP received it.</summary>
internal sealed record ReceivedCallback(string Body, string IdempotencyKey, bool SignatureValid, int AnsweredStatus);
