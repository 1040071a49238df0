using CreditFlow.Durable.Versioning;
using CreditFlow.Workflows.Dunning;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Workflows.Tests.Dunning;

/// <summary>
/// Both versions of dunning are registered under one name, as every backend (and the Functions app's catalog) picks them:
/// an instance replays on the version it started on, and a new one starts on version 2.
/// </summary>
public sealed class DunningWorkflowRegistrationTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().BuildServiceProvider();
    private static readonly OrchestratorVersions Versions = new(new DurableTaskRegistry().AddCreditFlowWorkflows(), Services);

    [Fact]
    public void NewInstances_StartOnVersion2()
    {
        Assert.Equal(DunningWorkflowV2.Version, Versions.Newest(nameof(DunningWorkflow)));
    }

    [Theory]
    [InlineData(null, typeof(DunningWorkflow))]
    [InlineData("", typeof(DunningWorkflow))]
    [InlineData("2", typeof(DunningWorkflowV2))]
    public void AnInstance_ReplaysOnTheVersionItStartedOn(string? version, Type runs)
    {
        Assert.IsType(runs, Versions.Create(nameof(DunningWorkflow), version, Services, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void AVersionNoLongerRegistered_IsRefusedNamingTheOnesThatAre()
    {
        Assert.Null(Versions.Create(nameof(DunningWorkflow), "3", Services, out var problem));
        Assert.Contains("version '3'", problem, StringComparison.Ordinal);
        Assert.Contains("version '2'", problem, StringComparison.Ordinal);
    }
}
