using System.Text.Json;
using CreditFlow.Domain.Policies;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Host.Policies;

/// <summary>A version of the credit policy as the API shows it.</summary>
/// <param name="Version">Its number; 1 is the shipped defaults.</param>
/// <param name="Status">draft, inApproval, approved or rejected.</param>
/// <param name="EffectiveFrom">Its first day in force (null for version 1: always).</param>
/// <param name="InForce">True for the version decisions are taken under today.</param>
/// <param name="Changes">What it changes against the version in force.</param>
/// <param name="Simulation">The last impact simulation kept with it.</param>
/// <param name="Policy">The document.</param>
public sealed record PolicyVersionView(
    int Version,
    string Status,
    DateOnly? EffectiveFrom,
    bool InForce,
    string Note,
    string DraftedBy,
    DateTimeOffset? DraftedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    IReadOnlyList<PolicyChange> Changes,
    PolicySimulation? Simulation,
    JsonElement Policy)
{
    /// <summary>The view of <paramref name="record"/> beside the version in force.</summary>
    public static PolicyVersionView From(PolicyVersionRecord record, CreditPolicy inForce)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(inForce);
        using var document = JsonDocument.Parse(record.Json);
        return new PolicyVersionView(
            record.Version,
            StatusWord(record.Status),
            record.Version == 1 ? null : record.EffectiveFrom,
            record.Version == inForce.Version,
            record.Note,
            record.DraftedBy,
            record.Version == 1 ? null : record.DraftedAt,
            record.DecidedBy,
            record.DecidedAt,
            record.DecisionComment,
            record.Version == inForce.Version ? [] : PolicyChanges.Between(inForce.Json, record.Json),
            PolicyDrafts.KeptSimulation(record),
            document.RootElement.Clone());
    }

    /// <summary>How the API names a status.</summary>
    public static string StatusWord(PolicyStatus status) => status switch
    {
        PolicyStatus.Draft => "draft",
        PolicyStatus.InApproval => "inApproval",
        PolicyStatus.Approved => "approved",
        PolicyStatus.Withdrawn => "withdrawn",
        _ => "rejected",
    };
}
