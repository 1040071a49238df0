using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.ErpContract;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host;
using CreditFlow.Storage;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.EngineBench;

/// <summary>
/// (d) One real lifecycle, repeated: the real host (in this process, on the engine under test) holds a signed ERP order
/// over the customer's limit, starts its OrderHoldWorkflow (which asks the credit manager through an ApprovalWorkflow),
/// and the credit manager releases it through the holds API; the workflow books the release and ends.
/// </summary>
internal static class HoldLifecycle
{
    private const string SigningKey = "bench-erp-signing-key-0123456789-abcdef";
    private const string ManagerKey = "bench-credit-manager-key-0123456789";

    public static async Task<object> RunAsync(Engine engine, string connectionString, int lifecycles, TimeSpan timeout)
    {
        var folder = Directory.CreateTempSubdirectory("creditflow-enginebench-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "host.json"), """
            { "version": "2.0", "logging": { "LogLevel": { "Default": "Warning", "DurableTask": "Error" } },
              "extensions": { "durableTask": { "storageProvider": { "partitionCount": 4 } } } }
            """);
        var name = "bench" + engine.Name.Replace("-", string.Empty, StringComparison.Ordinal) + "l" + Guid.NewGuid().ToString("N")[..12];
        var environment = new Dictionary<string, string?>(engine.HostSettings())
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = name,
            ["Storage__Prefix"] = name[..Math.Min(name.Length, 31)].ToLowerInvariant(),
            ["Mail__StoragePrefix"] = "m" + name[5..Math.Min(name.Length, 30)].ToLowerInvariant(),
            ["Approvals__StoragePrefix"] = "a" + name[5..Math.Min(name.Length, 30)].ToLowerInvariant(),
            ["Erp__SigningKeys__0"] = SigningKey,
            ["ApiKeys__0__Name"] = "Bench credit manager",
            ["ApiKeys__0__Role"] = "CreditManager",
            ["ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ManagerKey))),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        await using var app = CreditFlowApp.Build(["--urls", "http://127.0.0.1:0"], folder, environment);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient { BaseAddress = address };
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var customer = "cust-" + Guid.NewGuid().ToString("N")[..10];
            var profile = new CustomerCreditProfile(customer, CreditClass.B, Money.Of(100_000m, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 70m, null, null, null);
            await app.Services.GetRequiredService<CreditStore>().Profiles.CreateAsync(profile, new CreditDecision("seed-" + customer, customer, DateTimeOffset.UtcNow, "bench", "profile created", "bench seed", "{}", null, null));

            // One lifecycle first as a warm-up, outside the window.
            await OneAsync(http, client, customer, "warm", timeout);
            Mark.Window("d-start");
            var held = new List<TimeSpan>();
            var released = new List<TimeSpan>();
            var total = new List<TimeSpan>();
            for (var i = 0; i < lifecycles; i++)
            {
                var (toWaiting, toDone) = await OneAsync(http, client, customer, $"o{i}", timeout);
                held.Add(toWaiting);
                released.Add(toDone);
                total.Add(toWaiting + toDone);
            }

            Mark.Window("d-end");
            return new
            {
                lifecycles,
                orderToWorkflowWaitingMs = Percentiles.Of(held),
                releaseToWorkflowDoneMs = Percentiles.Of(released),
                engineTimeMs = Percentiles.Of(total),
            };
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One order held, its workflow waiting, released by the manager, the workflow done.</summary>
    /// <returns>From the order's post to the workflow waiting; from the release's post to the workflow's end.</returns>
    private static async Task<(TimeSpan ToWaiting, TimeSpan ToDone)> OneAsync(HttpClient http, DurableTaskClient client, string customer, string label, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var orderId = $"{label}-{Guid.NewGuid():N}"[..20];
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            orderId,
            customerId = customer,
            amount = new { amount = 150_000m, currency = "CNY" },
            orderDate = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var order = new HttpRequestMessage(HttpMethod.Post, "/api/erp/orders") { Content = new ByteArrayContent(body) };
        order.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        order.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        order.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(SigningKey, timestamp, body));
        var clock = Stopwatch.StartNew();
        using var answer = await http.SendAsync(order, deadline.Token);
        answer.EnsureSuccessStatusCode();
        var holdId = (await answer.Content.ReadFromJsonAsync<JsonElement>(deadline.Token)).GetProperty("holdId").GetString()
            ?? throw new InvalidOperationException("The order was not held.");

        // Waiting: the workflow says so in its custom status; polled as a monitor would, every 20 ms.
        while (await client.GetInstanceAsync(holdId, getInputsAndOutputs: false, deadline.Token) is not { RuntimeStatus: OrchestrationRuntimeStatus.Running, SerializedCustomStatus: { } status }
            || !status.Contains($"\"{HoldStatusText.Waiting}\"", StringComparison.Ordinal))
        {
            await Task.Delay(20, deadline.Token);
        }

        var toWaiting = clock.Elapsed;
        clock.Restart();
        using var decision = new HttpRequestMessage(HttpMethod.Post, $"/api/holds/{Uri.EscapeDataString(holdId)}/decision")
        {
            Content = JsonContent.Create(new { outcome = "release", comment = "bench" }),
        };
        decision.Headers.Add("x-api-key", ManagerKey);
        using var decided = await http.SendAsync(decision, deadline.Token);
        decided.EnsureSuccessStatusCode();
        var done = await client.WaitForInstanceCompletionAsync(holdId, getInputsAndOutputs: false, deadline.Token);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Hold {holdId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }

        return (toWaiting, clock.Elapsed);
    }
}
