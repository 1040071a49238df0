using System.Text.Json;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.Versioning;
using CreditFlow.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Functions.Workflows;

/// <summary>
/// The workflows' classes behind the orchestrator and activity functions: the registry the host's worker uses
/// (<see cref="CreditFlowWorkflows.AddCreditFlowWorkflows"/>), so a function runs exactly the class the host runs.
/// </summary>
/// <remarks>
/// Orchestrators are chosen by the instance's version by the same rule as on the host's engines
/// (<see cref="OrchestratorVersions"/>). Nothing here picks the newest version for a start that names none (the
/// extension's <c>defaultVersion</c> would be one version for every orchestrator), so the starts of a versioned
/// workflow name their version, as <c>InvoiceDunning</c> does. Activities run in a service scope of their own, as on the host.
/// </remarks>
public sealed class WorkflowCatalog
{
    private readonly IServiceProvider _services;
    private readonly OrchestratorVersions _versions;
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities;

    public WorkflowCatalog(IServiceProvider services)
    {
        _services = services;
        var registry = new DurableTaskRegistry().AddCreditFlowWorkflows();
        _versions = new OrchestratorVersions(registry, services);
        _activities = registry.GetActivities().ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Runs orchestrator <paramref name="name"/> at the instance's version with the instance's input.</summary>
    /// <exception cref="InvalidOperationException">No registered class has that name and version; the instance fails saying so.</exception>
    public async Task<object?> RunOrchestratorAsync(string name, TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orchestrator = _versions.Create(name, context.Version, _services, out var problem) ?? throw new InvalidOperationException(problem);
        var input = Read(context.GetInput<JsonElement?>(), orchestrator.InputType);
        return await orchestrator.RunAsync(context, input);
    }

    /// <summary>Runs activity <paramref name="name"/> on <paramref name="input"/> in a scope of its own.</summary>
    /// <exception cref="InvalidOperationException">No activity of that name is registered.</exception>
    public async Task<object?> RunActivityAsync(string name, JsonElement? input, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!_activities.TryGetValue(name, out var factory))
        {
            throw new InvalidOperationException($"No activity named '{name}' is registered.");
        }

        await using var scope = _services.CreateAsyncScope();
        var activity = factory(scope.ServiceProvider);
        var instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
        return await activity.RunAsync(new FunctionActivityContext(new TaskName(name), instanceId), Read(input, activity.InputType));
    }

    private static object? Read(JsonElement? json, Type type) =>
        json is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value ? value.Deserialize(type, PayloadConverter.Options) : PayloadConverter.FromJson(null, type);
}
