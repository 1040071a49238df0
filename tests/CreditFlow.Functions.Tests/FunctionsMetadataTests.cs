using CreditFlow.Host;
using CreditFlow.Host.Configuration;
using CreditFlow.Workflows;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Functions.Tests;

/// <summary>
/// The Functions app declares everything the host runs: every orchestrator and activity of the workflows, every route of
/// the host's public surfaces with its verb, and the periodic work as timers. Read from the functions.metadata its build
/// generated, which is what the Functions host loads.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly DurableTaskRegistry Workflows = new DurableTaskRegistry().AddCreditFlowWorkflows();

    [Fact]
    public void EveryOrchestrator_IsAnOrchestratorFunctionOfItsName()
    {
        var declared = FunctionsApp.Functions.Where(f => f.Trigger == "orchestrationTrigger").Select(f => f.Name).Order();

        Assert.Equal(Workflows.GetOrchestrators().Select(o => o.Key.Name).Distinct().Order(), declared);
    }

    [Fact]
    public void EveryActivity_IsAnActivityFunctionOfItsName()
    {
        var declared = FunctionsApp.Functions.Where(f => f.Trigger == "activityTrigger").Select(f => f.Name).Order();

        Assert.Equal(Workflows.GetActivities().Select(a => a.Key.Name).Order(), declared);
    }

    [Fact]
    public void EveryRouteOfTheHostsPublicApi_IsAnHttpFunctionWithTheSameVerbAndRoute()
    {
        var hostRoutes = PublicRoutesOfTheHost();
        var declared = FunctionsApp.Functions.Where(f => f.Trigger == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{m} {f.Route}")).Order().ToList();

        Assert.Equal(hostRoutes, declared);
        Assert.Contains("POST api/erp/orders", declared);
        Assert.Contains("POST approvals/{token}", declared);
        Assert.Equal(string.Empty, FunctionsApp.HostJson.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void ThePeriodicWork_AreTimerFunctions_OnTheHostsIntervals()
    {
        var timers = FunctionsApp.Functions.Where(f => f.Trigger == "timerTrigger").ToDictionary(f => f.Name);

        Assert.Equal(["EscalateOverdueTasks", "MeasureNightlySignals", "SweepUnstartedHolds"], timers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new HoldStartOptions().HoldSweepInterval, EveryMinutes(timers["SweepUnstartedHolds"].Schedule!));
        Assert.Equal(new CreditFlow.Workflows.Dunning.DunningOptions().TaskEscalationInterval, EveryMinutes(timers["EscalateOverdueTasks"].Schedule!));
        Assert.Equal(TimeSpan.FromDays(1), new CreditFlow.Workflows.Warnings.WarningOptions().InternalSignalsInterval);
        Assert.Equal("0 0 2 * * *", timers["MeasureNightlySignals"].Schedule); // once a day, as the host's round
    }

    [Fact]
    public void HostJson_RunsTheDurableExtensionOnAzureStorage_OnTheHostsTaskHub()
    {
        var durable = FunctionsApp.HostJson.GetProperty("extensions").GetProperty("durableTask");
        var hostHub = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Testing.RepositoryRoot.Find(), "host.json")))
            .RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString();

        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.Equal(hostHub, durable.GetProperty("hubName").GetString());
    }

    /// <summary>"VERB route" of every endpoint <see cref="PublicApi.MapPublicApi"/> maps, in the Functions route syntax.</summary>
    private static List<string> PublicRoutesOfTheHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddPublicApiServices(CreditFlowSettings.From(configuration), configuration);
        using var app = builder.Build();
        app.MapPublicApi();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {FunctionRoute(e.RoutePattern.RawText!)}"))
            .Order().ToList();
    }

    /// <summary>The host's route as a function's: no leading slash, and catch-all parameters with one star.</summary>
    private static string FunctionRoute(string route) => route.Trim('/').Replace("{**", "{*", StringComparison.Ordinal);

    /// <summary>The period of a "0 */N * * * *" schedule (every N minutes).</summary>
    private static TimeSpan EveryMinutes(string schedule)
    {
        var fields = schedule.Split(' ');
        Assert.Equal(6, fields.Length);
        Assert.Equal("0", fields[0]);
        Assert.All(fields[2..], f => Assert.Equal("*", f));
        return TimeSpan.FromMinutes(int.Parse(fields[1].Replace("*/", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
    }
}
