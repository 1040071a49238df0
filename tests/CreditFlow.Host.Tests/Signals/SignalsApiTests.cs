using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Host.Tests.Signals;

/// <summary><c>POST /api/signals</c> from a provider's signed webhook and from staff, idempotent by event; <c>GET</c> lists them.</summary>
[Collection(SignalsCollection.Name)]
public sealed class SignalsApiTests(SignalsHost host)
{
    [Fact]
    public async Task Provider_SignedPledge_IsStoredAndListed()
    {
        var customer = await host.CustomerAsync();
        var observed = host.Clock.GetUtcNow().AddHours(-1);
        var pledge = host.Pledge(customer);

        using var response = await host.PostSignedAsync(pledge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signal = await SignalsHost.JsonOf(response);
        Assert.Equal(SignalsHost.Provider, signal.GetProperty("provider").GetString());
        Assert.Equal(SignalsHost.Provider, signal.GetProperty("sentBy").GetString());
        Assert.Equal(pledge["eventId"]!.GetValue<string>(), signal.GetProperty("eventId").GetString());
        Assert.Equal("equityPledgedPercent", signal.GetProperty("kind").GetString());
        Assert.Equal(62.5m, signal.GetProperty("value").GetDecimal());
        Assert.Equal(observed, signal.GetProperty("observedAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, signal.GetProperty("observedAt").GetDateTimeOffset().Offset); // sent at +08:00, stored UTC
        Assert.Equal(host.Clock.GetUtcNow(), signal.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal("https://registry.example/pledges/2026-0042", signal.GetProperty("sourceUrl").GetString());
        var listed = await host.ListAsync(customer);
        Assert.Equal(signal.GetRawText(), Assert.Single(listed.EnumerateArray()).GetRawText());
        var stored = await host.Signals.FindAsync(SignalsHost.Provider, pledge["eventId"]!.GetValue<string>());
        Assert.Equal(new CreditSignal(customer, SignalKind.EquityPledgedPercent, 62.5m, observed), stored!.ToCreditSignal());
    }

    [Fact]
    public async Task Provider_SignedWithThePreviousKey_IsAccepted()
    {
        var customer = await host.CustomerAsync();

        using var response = await host.PostSignedAsync(host.Pledge(customer), SignalsHost.PreviousKey, provider: "Acme-Registry");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await host.ListAsync(customer)).EnumerateArray());
    }

    [Fact]
    public async Task Staff_OfficersLawsuit_IsStoredWithTheKeysNameAndListedNewestFirst()
    {
        var customer = await host.CustomerAsync();
        using var pledge = await host.PostSignedAsync(host.Pledge(customer));
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var lawsuit = host.Pledge(customer, "case-2026-0815");
        lawsuit["kind"] = "MajorLawsuit";
        lawsuit.Remove("value");
        lawsuit["summary"] = "Sued by its main supplier for CNY 40 million.";

        using var response = await host.PostAsStaffAsync(CreditRole.CreditOfficer, lawsuit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signal = await SignalsHost.JsonOf(response);
        Assert.Equal("staff", signal.GetProperty("provider").GetString());
        Assert.Equal(SignalsHost.OfficerName, signal.GetProperty("sentBy").GetString());
        Assert.Equal("majorLawsuit", signal.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, signal.GetProperty("value").ValueKind);
        var listed = (await host.ListAsync(customer)).EnumerateArray().ToArray();
        Assert.Equal(["case-2026-0815", (await SignalsHost.JsonOf(pledge)).GetProperty("eventId").GetString()], listed.Select(s => s.GetProperty("eventId").GetString()));
    }

    [Fact]
    public async Task Staff_Legal_MaySendSignals()
    {
        var customer = await host.CustomerAsync();

        using var response = await host.PostAsStaffAsync(CreditRole.Legal, host.Pledge(customer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Duplicate_SameBodyReformattedAndLater_OneStoredAndTheFirstAnswer()
    {
        var customer = await host.CustomerAsync();
        var pledge = host.Pledge(customer);
        using var first = await host.PostSignedAsync(pledge);
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var reformatted = JsonSerializer.Serialize(pledge.OrderByDescending(p => p.Key).ToDictionary(p => p.Key, p => p.Value), new JsonSerializerOptions { WriteIndented = true });

        using var again = await host.PostSignedRawAsync(reformatted);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single((await host.ListAsync(customer)).EnumerateArray());
    }

    [Fact]
    public async Task SameEventId_OtherBody_Is409AndNothingChanges()
    {
        var customer = await host.CustomerAsync();
        var pledge = host.Pledge(customer);
        using var first = await host.PostSignedAsync(pledge);
        pledge["value"] = 75m;

        using var changed = await host.PostSignedAsync(pledge);

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Event id reused", (await SignalsHost.JsonOf(changed)).GetProperty("title").GetString());
        var listed = Assert.Single((await host.ListAsync(customer)).EnumerateArray());
        Assert.Equal(62.5m, listed.GetProperty("value").GetDecimal());
    }

    public static TheoryData<string?, string?, int, string> Refusals => new()
    {
        { "forged-key-0123456789-0123456789-abcdef", SignalsHost.Provider, 0, "does not match" },
        { null, SignalsHost.Provider, 0, "X-CreditFlow-Signature" },
        { SignalsHost.Key, "someone-else", 0, "does not name a configured provider" },
        { SignalsHost.Key, null, 0, "Name your provider" },
        { SignalsHost.Key, SignalsHost.Provider, -10, "more than 00:05:00 away" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Provider_ForgedMissingOrStaleSignature_Is401AndNothingIsStored(string? key, string? provider, int minutesAgo, string detail)
    {
        var customer = await host.CustomerAsync();
        var pledge = host.Pledge(customer);

        using var response = await host.PostSignedAsync(pledge, key, provider, host.Clock.GetUtcNow().AddMinutes(minutesAgo));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await SignalsHost.JsonOf(response);
        Assert.Equal("Signal signature refused", problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await host.ListAsync(customer)).EnumerateArray());
    }

    [Theory]
    [InlineData(CreditRole.Finance)]
    [InlineData(CreditRole.SalesRep)]
    public async Task Staff_RoleThatMayNotSendSignals_Is403NamingTheRolesAndNothingIsStored(CreditRole role)
    {
        var customer = await host.CustomerAsync();

        using var response = await host.PostAsStaffAsync(role, host.Pledge(customer));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await SignalsHost.JsonOf(response);
        Assert.Equal("Role not allowed", problem.GetProperty("title").GetString());
        Assert.Equal(["CreditOfficer", "CreditManager", "Legal"], problem.GetProperty("requiredRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty((await host.ListAsync(customer)).EnumerateArray());
    }

    [Fact]
    public async Task Staff_WithoutApiKey_Is401()
    {
        var customer = await host.CustomerAsync();

        using var response = await host.PostAsStaffAsync(null, host.Pledge(customer));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("API key required", (await SignalsHost.JsonOf(response)).GetProperty("title").GetString());
        Assert.Empty((await host.ListAsync(customer)).EnumerateArray());
    }

    [Fact]
    public async Task List_WithoutCustomerId_Is400_UnknownCustomer404_NoKey401()
    {
        using var missing = await host.As(CreditRole.Finance).GetAsync("/api/signals");
        using var unknown = await host.As(CreditRole.Finance).GetAsync("/api/signals?customerId=nobody-" + Guid.NewGuid().ToString("N"));
        using var anonymous = await host.As(null).GetAsync("/api/signals?customerId=" + await host.CustomerAsync());

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["customerId"], (await SignalsHost.JsonOf(missing)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
