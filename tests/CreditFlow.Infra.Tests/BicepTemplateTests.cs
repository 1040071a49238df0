using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreditFlow.Testing;

namespace CreditFlow.Infra.Tests;

/// <summary>infra/main.bicep (and the modules it uses) compiles with the pinned bicep, warning-free, and its README documents every parameter.</summary>
public sealed partial class BicepTemplateTests
{
    private static string Infra => Path.Combine(RepositoryRoot.Find(), "infra");

    private static string Bicep =>
        typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    [Fact]
    public async Task MainTemplate_Compiles_WithoutErrorsOrWarnings()
    {
        var (exitCode, output, errors) = await RunAsync(Bicep, "build", Path.Combine(Infra, "main.bicep"), "--stdout");

        Assert.True(exitCode == 0, $"bicep build failed ({exitCode}):\n{errors}");
        Assert.True(errors.Trim().Length == 0, $"bicep reported:\n{errors}");
        var arm = JsonDocument.Parse(output).RootElement;
        var resources = arm.GetProperty("resources").ToString();
        foreach (var type in (string[])["Microsoft.Storage/storageAccounts", "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.Resources/deployments"])
        {
            Assert.Contains(type, resources, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryModule_Compiles_OnItsOwn()
    {
        foreach (var module in Directory.GetFiles(Path.Combine(Infra, "modules"), "*.bicep"))
        {
            var (exitCode, _, errors) = await RunAsync(Bicep, "build", module, "--stdout");
            Assert.True(exitCode == 0 && errors.Trim().Length == 0, $"{Path.GetFileName(module)}:\n{errors}");
        }
    }

    [Fact]
    public void Readme_DocumentsEveryParameterOfTheMainTemplate()
    {
        var template = File.ReadAllText(Path.Combine(Infra, "main.bicep"));
        var readme = File.ReadAllText(Path.Combine(Infra, "README.md"));
        var parameters = Parameter().Matches(template).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.Contains($"`{p}`", readme, StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no look-up of newer versions: the build must not reach out.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    [GeneratedRegex(@"^param\s+(\w+)\s", RegexOptions.Multiline)]
    private static partial Regex Parameter();
}
