using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Admin;

/// <summary>The instance list's filter as the admin typed it, shown again in its form (a wrong date too).</summary>
public sealed record InstanceFilter(
    string? From,
    string? To,
    string? Name,
    string? Prefix,
    string? Top,
    IReadOnlyList<OrchestrationRuntimeStatus> Statuses,
    bool Refresh);
