using CreditFlow.Host.Configuration;
using CreditFlow.Testing;
using Microsoft.Extensions.Configuration;

namespace CreditFlow.Host.Tests.Configuration;

public sealed class CreditFlowSettingsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static CreditFlowSettings Load(AppFolder app, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var values = FunctionAppSettingsLoader.Load(app.Path, environment ?? NoEnvironment);
        return CreditFlowSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    private const string DevelopmentStorage = """{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true" } }""";

    [Fact]
    public void From_ValidFiles_ReadsHostJsonAndValues()
    {
        using var app = new AppFolder(localSettings: """
            { "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Erp__CallbackUrl": "http://localhost:7072/callbacks" } }
            """);

        var settings = Load(app);

        Assert.Equal("TestHub", settings.Durable.HubName);
        Assert.Equal(8, settings.Durable.PartitionCount);
        Assert.Equal(10, settings.Durable.MaxConcurrentActivityFunctions); // not in host.json: the default
        Assert.Equal("UseDevelopmentStorage=true", settings.StorageConnectionString);
        Assert.Equal(new Uri("http://localhost:7072/callbacks"), settings.ErpCallbackUrl);
    }

    [Fact]
    public void Load_MissingHostJson_NamesTheFile()
    {
        using var app = new AppFolder(hostJson: null, localSettings: DevelopmentStorage);

        var error = Assert.Throws<SettingsException>(() => Load(app));

        Assert.Equal("host.json", error.Key);
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoLocalSettings_UsesEnvironmentOnly()
    {
        using var app = new AppFolder();

        var settings = Load(app, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("UseDevelopmentStorage=true", settings.StorageConnectionString);
    }

    [Fact]
    public void Load_NoStorageAnywhere_NamesAzureWebJobsStorage()
    {
        using var app = new AppFolder();

        var error = Assert.Throws<SettingsException>(() => Load(app));

        Assert.Equal("AzureWebJobsStorage", error.Key);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host.json", """{ "version": "2.0", "extensions": { """, 1)]
    [InlineData("local.settings.json", "{ \"Values\": {\n  \"AzureWebJobsStorage\": \n} }", 3)]
    public void Load_MalformedJson_NamesFileAndLine(string file, string content, int line)
    {
        using var app = file == "host.json" ? new AppFolder(hostJson: content, localSettings: DevelopmentStorage) : new AppFolder(localSettings: content);

        var error = Assert.Throws<SettingsException>(() => Load(app));

        Assert.Equal(file, error.Key);
        Assert.Contains($"not valid JSON at line {line}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "storageProvider": { "partitionCount": 40 } }""", "host.json extensions.durableTask.storageProvider.partitionCount", "between 1 and 16 (was 40)")]
    [InlineData("""{ "storageProvider": { "partitionCount": 0 } }""", "host.json extensions.durableTask.storageProvider.partitionCount", "between 1 and 16 (was 0)")]
    [InlineData("""{ "storageProvider": { "partitionCount": "four" } }""", "host.json extensions.durableTask.storageProvider.partitionCount", "whole number (was 'four')")]
    [InlineData("""{ "hubName": "my-hub" }""", "host.json extensions.durableTask.hubName", "letters or digits")]
    [InlineData("""{ "maxConcurrentActivityFunctions": 0 }""", "host.json extensions.durableTask.maxConcurrentActivityFunctions", "between 1 and 1000")]
    [InlineData("""{ "storageProvider": { "maxQueuePollingInterval": "soon" } }""", "host.json extensions.durableTask.storageProvider.maxQueuePollingInterval", "time span")]
    [InlineData("""{ "storageProvider": { "maxQueuePollingInterval": "01:00:00" } }""", "host.json extensions.durableTask.storageProvider.maxQueuePollingInterval", "between")]
    public void From_BadDurableSetting_NamesTheKey(string durableTask, string key, string problem)
    {
        using var app = new AppFolder(hostJson: $$"""{ "extensions": { "durableTask": {{durableTask}} } }""", localSettings: DevelopmentStorage);

        var error = Assert.Throws<SettingsException>(() => Load(app));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Erp__CallbackUrl", "not a url", "Erp__CallbackUrl")]
    [InlineData("Erp__CallbackUrl", "ftp://erp.example/callback", "Erp__CallbackUrl")]
    [InlineData("AdminKey", "short", "AdminKey")]
    [InlineData("Approvals__SigningKey", "too-short-to-sign", "Approvals__SigningKey")]
    [InlineData("AzureWebJobsStorage", "no pairs here", "AzureWebJobsStorage")]
    public void From_BadValue_NamesTheKey(string name, string value, string key)
    {
        using var app = new AppFolder(localSettings: $$"""{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "{{name}}": "{{value}}" } }""");

        var error = Assert.Throws<SettingsException>(() => Load(app));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void Load_EnvironmentVariable_OverridesLocalSettingsAndHostJson()
    {
        using var app = new AppFolder(localSettings: """{ "Values": { "AzureWebJobsStorage": "AccountName=fromfile;AccountKey=a2V5" } }""");
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = "FromEnvironment",
        };

        var settings = Load(app, environment);

        Assert.Equal("UseDevelopmentStorage=true", settings.StorageConnectionString);
        Assert.Equal("FromEnvironment", settings.Durable.HubName);
        Assert.Equal(8, settings.Durable.PartitionCount); // untouched keys still come from host.json
    }

    [Fact]
    public void Load_ShippedSampleAndHostJson_AreValid()
    {
        var root = RepositoryRoot.Find();
        using var app = new AppFolder(
            hostJson: File.ReadAllText(Path.Combine(root, "host.json")),
            localSettings: File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));

        var settings = Load(app);

        Assert.Equal("CreditFlowHub", settings.Durable.HubName);
        Assert.Equal(4, settings.Durable.PartitionCount);
        Assert.Single(settings.ErpSigningKeys); // the second rotation slot is empty in the sample
    }
}
