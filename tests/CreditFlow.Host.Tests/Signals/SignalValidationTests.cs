using System.Net;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Signals;

/// <summary>A bad signal is refused naming the field (400), an unknown customer is 404; nothing is stored either way.</summary>
[Collection(SignalsCollection.Name)]
public sealed class SignalValidationTests(SignalsHost host)
{
    public static TheoryData<string, string?, string, string> BadFields => new()
    {
        // field changed, its new JSON (null: left out), the field the 400 names, part of what it says
        { "kind", null, "kind", "is required" },
        { "kind", "\"rumour\"", "kind", "is not a kind of signal" },
        { "kind", "\"daysOverdue\"", "kind", "computed by CreditFlow" },
        { "value", null, "value", "is required for equityPledgedPercent" },
        { "value", "100.5", "value", "from 0 to 100" },
        { "value", "-1", "value", "from 0 to 100" },
        { "value", "\"62.5\"", "value", "number" },
        { "eventId", null, "eventId", "is required" },
        { "eventId", "\"a/b\"", "eventId", "without '/'" },
        { "customerId", null, "customerId", "is required" },
        { "observedAt", "\"2026-03-02T09:00:00\"", "observedAt", "with Z or an offset" },
        { "observedAt", "\"2026-03-03T09:00:00Z\"", "observedAt", "must not be in the future" },
        { "summary", "\"  \"", "summary", "must not be blank" },
        { "sourceUrl", "\"ftp://registry.example/x\"", "sourceUrl", "http(s) URL" },
        { "provider", "\"other\"", "provider", "not a field" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Post_BadField_Is400NamingItAndNothingIsStored(string field, string? json, string named, string says)
    {
        var customer = await host.CustomerAsync();
        var pledge = host.Pledge(customer);
        pledge.Remove(field);
        if (json is not null)
        {
            pledge[field] = JsonNode.Parse(json);
        }

        using var signed = await host.PostSignedAsync(pledge);
        using var staff = await host.PostAsStaffAsync(CreditRole.CreditOfficer, pledge);

        foreach (var response in new[] { signed, staff })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await SignalsHost.JsonOf(response)).GetProperty("errors");
            var problem = Assert.Single(errors.EnumerateObject());
            Assert.Equal(named, problem.Name);
            Assert.Contains(says, problem.Value[0].GetString(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty((await host.ListAsync(customer)).EnumerateArray());
    }

    [Fact]
    public async Task Post_ValueForAnEvent_Is400()
    {
        var customer = await host.CustomerAsync();
        var news = host.Pledge(customer);
        news["kind"] = "adverseNews";

        using var response = await host.PostSignedAsync(news);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be left out for adverseNews", (await SignalsHost.JsonOf(response)).GetProperty("errors").GetProperty("value")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownCustomer_Is404NamingCustomerIdAndNothingIsStored()
    {
        var pledge = host.Pledge("nobody-" + Guid.NewGuid().ToString("N"));

        using var response = await host.PostSignedAsync(pledge);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await SignalsHost.JsonOf(response);
        Assert.Equal("Customer not found", problem.GetProperty("title").GetString());
        Assert.StartsWith("customerId:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await host.Signals.FindAsync(SignalsHost.Provider, pledge["eventId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Post_NotJson_Is415()
    {
        using var response = await host.As(CreditRole.CreditOfficer).PostAsync("/api/signals", new StringContent("eventId=1"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
