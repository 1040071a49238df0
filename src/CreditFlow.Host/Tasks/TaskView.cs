using CreditFlow.Storage.Tasks;

namespace CreditFlow.Host.Tasks;

/// <summary>A task for people as <c>/api/tasks</c> shows it.</summary>
/// <param name="OwnerRole">Who does it, e.g. "SalesRep".</param>
/// <param name="Overdue">True while open past its due time, now.</param>
/// <param name="Outcome">What came of it; null while open.</param>
internal sealed record TaskView(
    string Id,
    string Title,
    string OwnerRole,
    string CustomerId,
    string? InvoiceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    string? Outcome,
    string? CompletedBy,
    DateTimeOffset? CompletedAt)
{
    public static TaskView From(CreditTask t, DateTimeOffset now) => new(
        t.Id, t.Title, t.OwnerRole.ToString(), t.CustomerId, t.InvoiceId, t.CreatedAt, t.DueAt, t.IsOverdueAt(now), t.Outcome, t.CompletedBy, t.CompletedAt);
}
