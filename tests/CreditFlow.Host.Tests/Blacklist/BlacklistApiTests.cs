using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Roles;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Blacklist;

/// <summary>The blacklist API: fields named on a 400, the committee alone removes, industry lists whole or not at all.</summary>
public sealed class BlacklistApiTests(BlacklistHost host) : IClassFixture<BlacklistHost>
{
    [Fact]
    public async Task Add_BadFields_400NamingEachAndNothingStored()
    {
        var number = UniqueName.For("REG");

        using var response = await host.As(CreditRole.CreditManager).PostAsJsonAsync("/api/blacklist", new JsonObject
        {
            ["registrationNumber"] = number, ["name"] = " ", ["source"] = "legalCase",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["name", "reason", "source"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Null(await host.Store.Blacklist.GetAsync(number));
    }

    [Fact]
    public async Task Add_ByAnOfficer_403()
    {
        using var response = await host.As(CreditRole.CreditOfficer).PostAsJsonAsync("/api/blacklist", Body(UniqueName.For("REG"), "Nobody Ltd"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Add_ACustomersNumber_BlacklistsItFlagsItsGroup_AgainIs200WithTheFirst()
    {
        var controller = UniqueName.For("Mr Zhao ");
        var grand = await host.CustomerAsync("Grand Trading", controller);
        var sister = await host.CustomerAsync("Sister Logistics", controller);

        using var first = await host.As(CreditRole.Legal).PostAsJsonAsync("/api/blacklist", Body("REG-" + grand, "Grand Trading"));
        using var again = await host.As(CreditRole.CreditManager).PostAsJsonAsync("/api/blacklist", Body("REG-" + grand, "Grand Trading", "other"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((grand, "Ma Lin (legal)", "internal"), (created.GetProperty("customerId").GetString(), created.GetProperty("decidedBy").GetString(), created.GetProperty("source").GetString()));
        Assert.Equal([sister], created.GetProperty("groupMembersFlagged").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unpaid for a year", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(CreditProfileStatus.Blacklisted, (await host.Store.Profiles.GetAsync(grand))!.Value.Status);
        Assert.Equal(grand, (await host.Store.Profiles.GetAsync(sister))!.Value.GroupBlacklistedBy!.CustomerId);
    }

    [Theory]
    [InlineData(CreditRole.CreditManager)]
    [InlineData(CreditRole.Legal)]
    [InlineData(CreditRole.CreditOfficer)]
    public async Task Remove_NotTheCommittee_403SayingSoAndTheEntryStays(CreditRole role)
    {
        var grand = await host.CustomerAsync("Grand Trading");
        using var added = await host.As(CreditRole.CreditManager).PostAsJsonAsync("/api/blacklist", Body("REG-" + grand, "Grand Trading"));

        using var response = await host.As(role).DeleteAsync(new Uri($"/api/blacklist/REG-{grand}?reason=paid", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The credit committee decides", problem.GetProperty("title").GetString());
        Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await host.Store.Blacklist.GetAsync("REG-" + grand));
        Assert.Equal(CreditProfileStatus.Blacklisted, (await host.Store.Profiles.GetAsync(grand))!.Value.Status);
    }

    [Fact]
    public async Task Remove_ByTheCommittee_RestoresTheStatusAndKeepsItAsRemoved()
    {
        var controller = UniqueName.For("Mr Qian ");
        var grand = await host.CustomerAsync("Grand Trading", controller);
        var sister = await host.CustomerAsync("Sister Logistics", controller);
        using var added = await host.As(CreditRole.CreditManager).PostAsJsonAsync("/api/blacklist", Body("REG-" + grand, "Grand Trading"));

        using var noReason = await host.As(CreditRole.CreditCommittee).DeleteAsync(new Uri($"/api/blacklist/REG-{grand}", UriKind.Relative));
        using var removed = await host.As(CreditRole.CreditCommittee).DeleteAsync(new Uri($"/api/blacklist/REG-{grand}?reason=settled%20in%20full", UriKind.Relative));
        using var gone = await host.As(CreditRole.CreditOfficer).GetAsync(new Uri($"/api/blacklist/REG-{grand}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("Chen Hui (committee)", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("removedBy").GetString());
        Assert.Equal(CreditProfileStatus.Active, (await host.Store.Profiles.GetAsync(grand))!.Value.Status);
        Assert.Null((await host.Store.Profiles.GetAsync(sister))!.Value.GroupBlacklistedBy);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("took it off", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadRow_400NamingRowAndColumnAndNothingImported()
    {
        var (a, b, c) = (UniqueName.For("IND"), UniqueName.For("IND"), UniqueName.For("IND"));
        var csv = $"registrationNumber,name,reason\n{a},Alpha Ltd,defaulted 2025\n{b},,defaulted 2025\n{c},Gamma Ltd,\n";

        using var response = await host.ImportAsync(CreditRole.Legal, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["row 3, column name", "row 4, column reason"], errors.EnumerateObject().Select(e => e.Name));
        Assert.StartsWith("is required", errors.GetProperty("row 3, column name")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await host.Store.Blacklist.GetAsync(a));
    }

    [Fact]
    public async Task Import_GoodList_AddsEveryRowAsIndustryListAndBlacklistsOurCustomerOnIt()
    {
        var ours = await host.CustomerAsync("Listed Customer Ltd");
        var other = UniqueName.For("IND");
        var csv = $"Name,registrationNumber,reason\r\n\"Listed Customer, Ltd\",REG-{ours},association list 2026-02\r\n\"Other Co\",{other},\"unpaid suppliers, three judgments\"\r\n";

        using var response = await host.ImportAsync(CreditRole.CreditManager, csv);
        using var listed = await host.As(CreditRole.CreditOfficer).GetAsync(new Uri("/api/blacklist?source=industryList&take=500", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, imported.GetProperty("added").GetArrayLength());
        Assert.Equal([ours], imported.GetProperty("customersBlacklisted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("unpaid suppliers, three judgments", (await host.Store.Blacklist.GetAsync(other))!.Reason);
        Assert.Equal(CreditProfileStatus.Blacklisted, (await host.Store.Profiles.GetAsync(ours))!.Value.Status);
        var entries = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("registrationNumber").GetString());
        Assert.Contains(other, entries);
    }

    [Fact]
    public async Task List_BadParameters_400NamingEach()
    {
        using var response = await host.As(CreditRole.CreditOfficer).GetAsync(new Uri("/api/blacklist?source=rumour&take=0&skip=-1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["skip", "source", "take"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    private static JsonObject Body(string number, string name, string reason = "unpaid for a year") => new()
    {
        ["registrationNumber"] = number, ["name"] = name, ["reason"] = reason, ["source"] = "internal",
    };
}
