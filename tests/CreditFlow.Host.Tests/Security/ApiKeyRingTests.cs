using CreditFlow.Domain.Roles;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Security;
using CreditFlow.Host.Tests.Applications;
using Microsoft.Extensions.Configuration;

namespace CreditFlow.Host.Tests.Security;

public sealed class ApiKeyRingTests
{
    private static readonly string SalesHash = CreditApiHost.Sha256Hex("sales-key-0123456789");

    private static ApiKeyRing From(Dictionary<string, string?> settings) =>
        ApiKeyRing.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => s.Value)).Build());

    [Fact]
    public void Find_ConfiguredKey_GivesItsNameAndRole()
    {
        var ring = From(new()
        {
            ["ApiKeys__0__Name"] = "Wang Li", ["ApiKeys__0__Role"] = "SalesRep", ["ApiKeys__0__Sha256"] = SalesHash,
            ["ApiKeys__1__Name"] = "Zhao Min", ["ApiKeys__1__Role"] = "finance", ["ApiKeys__1__Sha256"] = CreditApiHost.Sha256Hex("finance-key-0123456789"),
        });

        Assert.Equal("Wang Li", ring.Find("sales-key-0123456789")?.Name);
        Assert.Equal(CreditRole.Finance, ring.Find("finance-key-0123456789")?.Role);
        Assert.Null(ring.Find("sales-key-012345678"));
        Assert.Null(ring.Find(SalesHash)); // the hash itself is not a key
    }

    [Theory]
    [InlineData("ApiKeys__0__Role", "Sales", "ApiKeys__0__Role", "must be one of SalesRep, CreditOfficer")]
    [InlineData("ApiKeys__0__Sha256", "ABCDEF", "ApiKeys__0__Sha256", "64 lowercase hex characters")]
    [InlineData("ApiKeys__0__Name", "", "ApiKeys__0__Name", "is required")]
    [InlineData("ApiKeys__1__Sha256", null, "ApiKeys__1__Sha256", "is the same key as ApiKeys__0__Sha256")]
    public void From_BadEntry_NamesTheSetting(string setting, string? value, string expectedKey, string expectedProblem)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ApiKeys__0__Name"] = "Wang Li", ["ApiKeys__0__Role"] = "SalesRep", ["ApiKeys__0__Sha256"] = SalesHash,
            ["ApiKeys__1__Name"] = "Zhao Min", ["ApiKeys__1__Role"] = "Finance", ["ApiKeys__1__Sha256"] = SalesHash,
        };
        if (value is not null)
        {
            settings["ApiKeys__1__Sha256"] = CreditApiHost.Sha256Hex("other");
            settings[setting] = value;
        }

        var error = Assert.Throws<SettingsException>(() => From(settings));

        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(expectedProblem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EntryLeftBlank_IsIgnored()
    {
        var ring = From(new() { ["ApiKeys__0__Name"] = "", ["ApiKeys__0__Role"] = "", ["ApiKeys__0__Sha256"] = "" });

        Assert.Empty(ring.Keys);
    }
}
