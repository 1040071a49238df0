using CreditFlow.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace CreditFlow.Host.Tests.Configuration;

public sealed class PublicBaseUrlSettingTests
{
    [Fact]
    public void From_NoPublicBaseUrl_LocalhostDefault()
    {
        Assert.Equal(new Uri("http://localhost:7071"), Load(null).PublicBaseUrl);
    }

    [Theory]
    [InlineData("https://credit.example.com")]
    [InlineData("https://example.com/creditflow/")]
    public void From_AbsoluteHttpUrl_Read(string value)
    {
        Assert.Equal(new Uri(value), Load(value).PublicBaseUrl);
    }

    [Theory]
    [InlineData("credit.example.com")]
    [InlineData("/approvals")]
    [InlineData("ftp://credit.example.com")]
    [InlineData("https://credit.example.com/?x=1")]
    [InlineData("https://credit.example.com/#top")]
    [InlineData("https://user:pw@credit.example.com/")]
    public void From_InvalidPublicBaseUrl_NamesTheKey(string value)
    {
        var error = Assert.Throws<SettingsException>(() => Load(value));

        Assert.Equal("PublicBaseUrl", error.Key);
        Assert.StartsWith("Configuration error: PublicBaseUrl: must be", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static CreditFlowSettings Load(string? publicBaseUrl) =>
        CreditFlowSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["PublicBaseUrl"] = publicBaseUrl,
        }).Build());
}
