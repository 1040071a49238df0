namespace CreditFlow.Host.Tests.Configuration;

/// <summary>A throw-away function-app folder with the host.json and local.settings.json a test writes.</summary>
internal sealed class AppFolder : IDisposable
{
    public const string ValidHostJson = """
        {
          "version": "2.0",
          "extensions": { "durableTask": { "hubName": "TestHub", "storageProvider": { "partitionCount": 8 } } }
        }
        """;

    public AppFolder(string? hostJson = ValidHostJson, string? localSettings = null)
    {
        Path = Directory.CreateTempSubdirectory("creditflow-app-").FullName;
        if (hostJson is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "host.json"), hostJson);
        }

        if (localSettings is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "local.settings.json"), localSettings);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
