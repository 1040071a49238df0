using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.ErpContract;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CreditFlow.Host.Tests.Telemetry;

/// <summary>
/// The spans of one held order and its release, exported in memory (and to the console, as
/// <c>Telemetry__Exporter=Console</c> configures): the webhook's trace runs through the check, the hold's
/// start, the workflow and its approval child to the mail; the decision's through the workflow to the
/// signed ERP callback and the ERP's own server span.
/// </summary>
public sealed class OrderHoldTraceTests
{
    private const string ManagerKey = "trace-test-key-manager-0123456789abcdef";

    [Fact]
    public async Task HeldOrder_AndItsRelease_EachOneTraceFromTheRequestToTheMailOrTheErpCallback()
    {
        var azurite = await SharedAzurite.GetAsync();
        var clock = new FakeTimeProvider(ErpHost.Start);
        await using var erp = await ErpCallbackReceiver.StartAsync(ErpHost.Key, clock);
        var exported = new List<Activity>();
        var settings = new Dictionary<string, string?>
        {
            ["Telemetry__Exporter"] = "Console",
            ["Erp__SigningKeys__0"] = ErpHost.Key,
            ["Erp__CallbackUrl"] = erp.Url.ToString(),
            ["ApiKeys__0__Name"] = "Sun Hao (credit manager)",
            ["ApiKeys__0__Role"] = nameof(CreditRole.CreditManager),
            ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(ManagerKey),
        };
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, settings, overrideServices: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        });
        var customer = UniqueName.For("cust");
        await host.Services.GetRequiredService<CreditStore>().Profiles.CreateAsync(
            new CustomerCreditProfile(customer, CreditClass.B, Money.Of(100_000m, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 70m, null, null, null),
            new CreditDecision(UniqueName.For("d"), customer, ErpHost.Start, "test", "profile created", "for the trace test", "{}", null, null));

        // Other tests' spans are exported here too (listeners are per process): each trace is found by what only this test sends.
        var order = JsonSerializer.Serialize(ErpHost.Order(customer, "o-" + customer, 120_000m), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var answer = await host.Client.SendAsync(SignedOrder(order, clock));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var holdId = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("holdId").GetString()!;
        var held = (await UntilAsync(exported, a => a.DisplayName == "order_check" && Equals(a.GetTagItem("creditflow.document_id"), "o-" + customer))).TraceId;
        var first = await UntilAsync(exported, held, s => s.Any(a => a.DisplayName == "mail_send") && s.Any(a => a.DisplayName == "activity:SendApprovalMail"));

        using (var decision = new HttpRequestMessage(HttpMethod.Post, $"/api/holds/{holdId}/decision")
        {
            Content = new StringContent("""{"outcome":"release","comment":"traced"}""", Encoding.UTF8, "application/json"),
        })
        {
            decision.Headers.Add("x-api-key", ManagerKey);
            Assert.Equal(HttpStatusCode.Accepted, (await host.Client.SendAsync(decision)).StatusCode);
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(holdId, cancellation: timeout.Token);
        }

        var released = (await UntilAsync(exported, a => a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string) == $"/api/holds/{holdId}/decision")).TraceId;
        var second = await UntilAsync(exported, released, s => s.Any(a => a.DisplayName == "orchestration:OrderHoldWorkflow" && Equals(a.GetTagItem("durabletask.runtime_status"), "Completed")));

        // Webhook → order check → hold start → create → workflow → approval child → mail.
        var webhook = Assert.Single(first, a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("/api/erp/orders", StringComparison.Ordinal));
        var check = Assert.Single(first, a => a.DisplayName == "order_check");
        Assert.Equal(webhook.SpanId, check.ParentSpanId);
        Assert.Equal("held", check.GetTagItem("creditflow.outcome"));
        var start = Assert.Single(first, a => a.DisplayName == "hold_start");
        Assert.Equal(check.SpanId, start.ParentSpanId); // queued inside the check, started after the answer
        var create = Assert.Single(first, a => a.DisplayName == "create_orchestration:OrderHoldWorkflow");
        Assert.Equal(start.SpanId, create.ParentSpanId);
        var workflow = Assert.Single(first, a => a.DisplayName == "orchestration:OrderHoldWorkflow" && a.ParentSpanId == create.SpanId);
        Assert.Equal(holdId, workflow.GetTagItem("durabletask.task.instance_id"));
        Assert.Contains(first, a => a.DisplayName == "orchestration:ApprovalWorkflow");
        var mailActivity = Assert.Single(first, a => a.DisplayName == "activity:SendApprovalMail");
        Assert.Equal(mailActivity.SpanId, Assert.Single(first, a => a.DisplayName == "mail_send").ParentSpanId);
        Assert.DoesNotContain(first, a => a.DisplayName == "activity:NotifyErp");

        // Decision → raised event → workflow → verdict → ERP callback over HTTP, and the ERP's server span of it.
        var decided = Assert.Single(second, a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("/api/holds/", StringComparison.Ordinal));
        var raised = Assert.Single(second, a => a.DisplayName == $"orchestration_event:{HoldEvents.Decision}");
        Assert.Equal(decided.SpanId, raised.ParentSpanId);
        Assert.Contains(second, a => a.DisplayName == "orchestration:OrderHoldWorkflow" && a.ParentSpanId == raised.SpanId);
        Assert.Contains(second, a => a.DisplayName == "activity:ApplyHoldVerdict");
        var notify = Assert.Single(second, a => a.DisplayName == "activity:NotifyErp");
        var callback = Assert.Single(second, a => a.Kind == ActivityKind.Client && a.ParentSpanId == notify.SpanId);
        Assert.Equal(erp.Url.ToString(), callback.GetTagItem("url.full"));
        Assert.Contains(second, a => a.Kind == ActivityKind.Server && a.ParentSpanId == callback.SpanId);
        Assert.Single(erp.Received, c => c.IdempotencyKey == holdId);
    }

    private static HttpRequestMessage SignedOrder(string json, TimeProvider clock)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/orders") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(ErpHost.Key, timestamp, bytes));
        return request;
    }

    /// <summary>Waits (bounded, real time) for the first exported span that is <paramref name="wanted"/>.</summary>
    private static async Task<Activity> UntilAsync(List<Activity> exported, Func<Activity, bool> wanted)
    {
        Activity? found = null;
        await UntilAsync(exported, default, _ =>
        {
            lock (exported)
            {
                found = exported.FirstOrDefault(wanted);
            }

            return found is not null;
        });
        return found!;
    }

    /// <summary>Waits (bounded, real time) until the exported spans of <paramref name="trace"/> satisfy <paramref name="done"/>.</summary>
    private static async Task<List<Activity>> UntilAsync(List<Activity> exported, ActivityTraceId trace, Func<List<Activity>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            List<Activity> spans;
            lock (exported)
            {
                spans = [.. exported.Where(a => a.TraceId == trace)];
            }

            if (done(spans))
            {
                return spans;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
