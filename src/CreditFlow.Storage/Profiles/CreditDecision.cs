namespace CreditFlow.Storage.Profiles;

/// <summary>
/// A documented credit decision (docs/domain.md "Decisions on record"): who decided what, when, why, on which
/// data and with which scoring model. Append-only.
/// </summary>
/// <param name="Id">Unique per customer; chosen by the caller so a workflow can derive it deterministically.</param>
/// <param name="DecidedBy">The user or API caller (or "system" for automatic steps).</param>
/// <param name="What">The decision, e.g. "trial granted: limit 200,000.00 CNY, 30 days".</param>
/// <param name="Why">The reason in words.</param>
/// <param name="DataSnapshotJson">The data the decision was made on, as a JSON document.</param>
/// <param name="ModelVersion">The scorecard model id/version used, when a score was involved.</param>
/// <param name="ApplicationId">The application it belongs to, when any.</param>
public sealed record CreditDecision(
    string Id,
    string CustomerId,
    DateTimeOffset DecidedAt,
    string DecidedBy,
    string What,
    string Why,
    string DataSnapshotJson,
    string? ModelVersion,
    string? ApplicationId);
