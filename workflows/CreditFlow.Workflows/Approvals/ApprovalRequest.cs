using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// What one approval asks of one tier: the input of <c>ApprovalWorkflow</c>. It carries the
/// facts the approver sees (score breakdown, proposal, exposure) so the approval page shows exactly
/// what the decision was asked on.
/// </summary>
/// <param name="SubjectKind">What is approved, in words: "credit application", "order hold".</param>
/// <param name="SubjectId">The application id or hold id; approvals are recorded under it.</param>
/// <param name="Title">One line for the mail subject and page heading, e.g. "Trial limit for Acme Ltd".</param>
/// <param name="ProposedAmount">The limit or order amount asked for; an approver may approve less.</param>
/// <param name="StepNumber">1 for the first tier asked; cumulative approvals and reconsiderations count up.</param>
/// <param name="Role">The tier asked first; escalation moves up from it.</param>
/// <param name="Sections">Facts shown to the approver, in order.</param>
/// <param name="AmountNote">What the amount is when that is not obvious, e.g. "trial limit (requested: 600,000.00 CNY)"; shown beside it in the mail and on the page.</param>
public sealed record ApprovalRequest(
    string SubjectKind,
    string SubjectId,
    string CustomerId,
    string CustomerName,
    string Title,
    Money ProposedAmount,
    int StepNumber,
    CreditRole Role,
    IReadOnlyList<ApprovalSection> Sections,
    string? AmountNote = null)
{
    /// <summary>The amount as the mail and the page state it, with its note, e.g. "100,000.00 CNY — trial limit (requested: 600,000.00 CNY)".</summary>
    public string AmountInWords => AmountNote is { Length: > 0 } note ? $"{ProposedAmount} — {note}" : ProposedAmount.ToString();

    /// <summary>
    /// Whether it asks about an amount: a credit policy version does not (it carries zero), so its mail states no amount
    /// and its page offers approve or reject only.
    /// </summary>
    public bool HasAmount => ProposedAmount.Amount != 0m;

    /// <summary>The customer id of an approval that concerns no customer: a credit policy version.</summary>
    public const string NoCustomer = "credit-policy";

    /// <summary>Whether it concerns a customer, whom the mail and the page then name.</summary>
    public bool HasCustomer => CustomerId != NoCustomer;
}

/// <summary>A titled block of facts on the approval page, e.g. "Score" with one row per factor.</summary>
public sealed record ApprovalSection(string Title, IReadOnlyList<ApprovalFact> Facts)
{
    /// <summary>
    /// Values the request would change (a policy version's), shown as a table of what, in force and proposed before
    /// the facts; empty for most requests, and in those stored before changes were kept apart.
    /// </summary>
    public IReadOnlyList<ApprovalChange> Changes { get; init; } = [];
}

/// <summary>One labelled value, e.g. "current ratio" → "1.8 (80 points)".</summary>
public sealed record ApprovalFact(string Label, string Value);
