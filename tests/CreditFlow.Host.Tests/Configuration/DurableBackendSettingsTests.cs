using CreditFlow.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace CreditFlow.Host.Tests.Configuration;

/// <summary>host.json's <c>storageProvider.type</c> chooses the engine, as in Durable Functions.</summary>
public sealed class DurableBackendSettingsTests
{
    private const string DevelopmentStorage = """{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true" } }""";

    private static CreditFlowSettings Load(string hostJson)
    {
        using var app = new AppFolder(hostJson, DevelopmentStorage);
        var values = FunctionAppSettingsLoader.Load(app.Path, new Dictionary<string, string?>());
        return CreditFlowSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    [Fact]
    public void From_NoType_RunsOnCreditFlowsEngine()
    {
        Assert.Equal(DurableBackend.CreditFlow, Load(AppFolder.ValidHostJson).Backend);
    }

    [Fact]
    public void From_AzureStorage_ReadsMicrosoftsEngineSettingsBesideTheSharedOnes()
    {
        var settings = Load("""
            {
              "version": "2.0",
              "extensions": { "durableTask": {
                "hubName": "SharedHub", "maxConcurrentActivityFunctions": 7, "extendedSessionsEnabled": true, "extendedSessionIdleTimeoutInSeconds": 12,
                "storageProvider": { "type": "AzureStorage", "partitionCount": 6, "maxQueuePollingInterval": "00:00:02", "useTablePartitionManagement": false } } }
            }
            """);

        Assert.Equal(DurableBackend.AzureStorage, settings.Backend);
        Assert.Equal("SharedHub", settings.AzureStorage.HubName);
        Assert.Equal(6, settings.AzureStorage.PartitionCount);
        Assert.Equal(7, settings.AzureStorage.MaxConcurrentActivityFunctions);
        Assert.True(settings.AzureStorage.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(12), settings.AzureStorage.ExtendedSessionIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.AzureStorage.MaxQueuePollingInterval);
        Assert.False(settings.AzureStorage.UseTablePartitionManagement);
    }

    [Theory]
    [InlineData("\"netherite\"", "storageProvider.type", "must be CreditFlow (CreditFlow's engine, the default) or AzureStorage")]
    [InlineData("\"1\"", "storageProvider.type", "was '1'")]
    public void From_UnknownType_NamesTheKeyAndTheChoices(string type, string key, string problem)
    {
        var error = Assert.Throws<SettingsException>(() => Load($$"""{ "version": "2.0", "extensions": { "durableTask": { "storageProvider": { "type": {{type}} } } } }"""));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_BadExtendedSessionsFlag_NamesTheKey()
    {
        var error = Assert.Throws<SettingsException>(() => Load("""{ "version": "2.0", "extensions": { "durableTask": { "extendedSessionsEnabled": "sometimes" } } }"""));

        Assert.Contains("extendedSessionsEnabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be true or false", error.Message, StringComparison.Ordinal);
    }
}
