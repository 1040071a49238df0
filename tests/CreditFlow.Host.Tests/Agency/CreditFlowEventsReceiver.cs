using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Host.Tests.Agency;

/// <summary>
/// CreditFlow's side of the agency webhook, reduced to a recorder: a loopback Kestrel endpoint on a free port
/// that keeps every request to <c>/api/agency/events</c> (headers and raw body) and answers 202, so a test can
/// check what the stand-in signs without the real host.
/// </summary>
internal sealed class CreditFlowEventsReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CreditFlowEventsReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    public static async Task<CreditFlowEventsReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new CreditFlowEventsReceiver(app);
        app.MapPost("/api/agency/events", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            receiver.Received.Enqueue(new ReceivedEvent(
                buffer.ToArray(),
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.Accepted(null, new { status = "recorded" });
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One event request as CreditFlow would receive it.</summary>
internal sealed record ReceivedEvent(byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
