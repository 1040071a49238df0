using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Onboarding;

/// <summary>
/// The whole onboarding through the host's own surfaces: the API files the application, the
/// approver follows the link in the outbox mail and decides on the page, the fake clock runs the
/// 90-day trial, and the customer ends active with a limit and a report.
/// </summary>
public sealed class OnboardingJourneyTests
{
    private const string Officer = "credit-officer@creditflow.local";

    [Fact]
    public async Task FiledByApi_ApprovedFromMailedLinks_TrialThenFinalLimit_CustomerActiveWithReport()
    {
        var azurite = await SharedAzurite.GetAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var api = await CreditApiHost.StartAsync(azurite.ConnectionString, services => services.AddSingleton<TimeProvider>(clock));

        var id = await api.FileAsync();
        await api.WaitForApplicationAsync(id, a => (string?)a["status"] == "WaitingForApproval");
        var trialLink = await LinkAsync(api, "Trial limit");
        var page = await api.Anonymous.GetStringAsync(trialLink);
        Assert.Contains("Shanghai Bright Components", page, StringComparison.Ordinal);
        Assert.Contains("100,000.00 CNY</b> — trial limit (requested: 600,000.00 CNY)", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(api, trialLink, ("decision", "approve"), ("comment", "trial is fine"))).StatusCode);
        var onTrial = await api.WaitForApplicationAsync(id, a => (string?)a["status"] == "Trial");
        var customerId = (string)onTrial["customer"]!["id"]!;
        Assert.Equal("Trial", await ProfileStatusAsync(api, customerId));

        clock.Advance(TimeSpan.FromDays(90));
        await api.WaitForApplicationAsync(id, a => (string?)a["status"] == "WaitingForApproval");
        var finalLink = await LinkAsync(api, "Final limit");
        var decided = await DecideAsync(api, finalLink, ("decision", "lower"), ("amount", "500000"), ("comment", "start at 500k, review in a year"));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        await api.WaitForApplicationAsync(id, a => (string?)a["status"] == "Granted");
        var customer = (await api.As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/customers/{customerId}"))!;
        var profile = customer["creditProfile"]!;
        Assert.Equal("Active", (string?)profile["status"]);
        Assert.Equal(500_000m, (decimal)profile["limit"]!["amount"]!);
        Assert.Contains(customer["decisions"]!.AsArray(), d => ((string)d!["what"]!).StartsWith("credit granted", StringComparison.Ordinal) && (string?)d["decidedBy"] == Officer);
        var report = await api.As(CreditRole.SalesRep).GetStringAsync((string)customer["reportUrl"]!);
        Assert.Contains("Final assessment after the trial period", report, StringComparison.Ordinal);
        Assert.Contains("start at 500k, review in a year", report, StringComparison.Ordinal);

        // The used link stays used.
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(api, finalLink, ("decision", "approve"), ("comment", "again"))).StatusCode);
    }

    /// <summary>The path of the newest approval link mailed to the credit officer whose subject contains <paramref name="subject"/>.</summary>
    private static async Task<string> LinkAsync(CreditApiHost api, string subject)
    {
        var outbox = api.Services.GetRequiredService<LocalOutboxMailSender>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mail = (await outbox.ListAsync(deadline.Token)).FirstOrDefault(m => m.To == Officer && m.Subject.Contains(subject, StringComparison.Ordinal));
            if (mail is not null)
            {
                return Assert.Single(mail.Links).Url.PathAndQuery;
            }

            await Task.Delay(25, deadline.Token);
        }
    }

    private static async Task<HttpResponseMessage> DecideAsync(CreditApiHost api, string path, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.TryAddWithoutValidation("Origin", api.Anonymous.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await api.Anonymous.SendAsync(request);
    }

    private static async Task<string?> ProfileStatusAsync(CreditApiHost api, string customerId) =>
        (string?)(await api.As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/customers/{customerId}"))!["creditProfile"]!["status"];
}
