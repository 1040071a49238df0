using System.Diagnostics;

namespace CreditFlow.Host.Tests.Configuration;

public sealed class StartupFailureTests
{
    [Fact]
    public async Task Host_OutOfRangeSetting_ExitsWithOneLineNamingTheKey()
    {
        using var app = new AppFolder(
            hostJson: """{ "extensions": { "durableTask": { "storageProvider": { "partitionCount": 99 } } } }""",
            localSettings: """{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true" } }""");
        var hostDll = Path.Combine(AppContext.BaseDirectory, "CreditFlow.Host.dll");
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = app.Path,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Configuration error: host.json extensions.durableTask.storageProvider.partitionCount: must be between 1 and 16 (was 99).", line.Trim());
    }

    [Fact]
    public async Task Host_InvalidOptionsSection_ExitsWithOneLineNamingTheKey()
    {
        using var app = new AppFolder(localSettings: """{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Mail__StoragePrefix": "Bad_Prefix" } }""");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CreditFlow.Host.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = app.Path,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: Mail__StoragePrefix must be", line.Trim(), StringComparison.Ordinal);
    }
}
