using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Tasks;

/// <summary>
/// Work for a person that a workflow asked for: call the customer, collect jointly, write the collection
/// plan, take the case over. It has an owner role and a due time; completing it records the outcome.
/// </summary>
/// <param name="Id">Chosen by the workflow from what the task is for, so a retried step creates it once.</param>
/// <param name="Title">What to do, in words.</param>
/// <param name="OwnerRole">Who does it.</param>
/// <param name="CustomerId">For which customer.</param>
/// <param name="InvoiceId">About which invoice, when one.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="DueAt">When it should be done.</param>
/// <param name="Outcome">What came of it ("customer promised 15 March"); null while open.</param>
/// <param name="CompletedBy">Who completed it.</param>
/// <param name="CompletedAt">When.</param>
/// <param name="ETag">The row's version; null before it is stored.</param>
/// <param name="EscalatedAt">When its lateness was reported up; null until then (once per task).</param>
public sealed record CreditTask(
    string Id,
    string Title,
    CreditRole OwnerRole,
    string CustomerId,
    string? InvoiceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    string? Outcome = null,
    string? CompletedBy = null,
    DateTimeOffset? CompletedAt = null,
    string? ETag = null,
    DateTimeOffset? EscalatedAt = null)
{
    /// <summary>True until completed.</summary>
    public bool IsOpen => CompletedAt is null;

    /// <summary>True when open past its due time at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && now > DueAt;
}
