using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>The input of <see cref="LegalCaseWorkflow"/>: the case; its instance id is <see cref="CaseIds.For"/>.</summary>
public sealed record CaseInput(string CaseId, string CustomerId)
{
    /// <summary>The workflow instance of the case.</summary>
    public string InstanceId => CaseIds.For(CaseId);
}

/// <summary>A look's input: the case and the workflow's time.</summary>
public sealed record CaseLook(CaseInput Case, DateTimeOffset At);

/// <summary>An approver's answer to the case's approval number <paramref name="Number"/>.</summary>
public sealed record CaseDecision(CaseInput Case, int Number, ApprovalDecision Decision, DateTimeOffset At);

/// <summary>An approval the case needs: its number (which names its workflow) and what the approver is asked.</summary>
public sealed record CaseApprovalRequest(int Number, ApprovalRequest Request);

/// <summary>Where a case stands after a look, as its workflow's custom status and result.</summary>
/// <param name="Status">The case's status, or ContinuedAsNew.</param>
/// <param name="Closed">True once the case has an outcome: the workflow ends.</param>
/// <param name="Approval">The approval the case waits for, if any.</param>
/// <param name="NextLookAt">When to look again without being woken: a retry of the agency, or the end of a silence.</param>
public sealed record CaseStanding(string Status, bool Closed, CaseApprovalRequest? Approval, DateTimeOffset? NextLookAt);

/// <summary>Names of a case's workflow, its event and its approvals.</summary>
public static class CaseIds
{
    /// <summary>Raised on the case's workflow whenever a person or the agency changed the case.</summary>
    public const string Changed = "CaseChanged";

    /// <summary>The case's workflow instance.</summary>
    public static string For(string caseId) => $"legal-case|{caseId}";

    /// <summary>
    /// The case whose acceptance <paramref name="taskId"/> asks legal for, or null for any other task: such a task is done
    /// by accepting the case (which completes it), not by completing it.
    /// </summary>
    public static string? AcceptedBy(string taskId) =>
        taskId.LastIndexOf("|accept-", StringComparison.Ordinal) is var at and > 0 && !taskId.StartsWith("warning|", StringComparison.Ordinal) ? taskId[..at] : null;

    /// <summary>The instance of the case's approval number <paramref name="number"/>.</summary>
    public static string Approval(string caseId, int number) => $"legal-case|{caseId}|approval-{number}";
}
