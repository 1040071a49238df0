using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// Who is asked and when, fixed when an approval starts so replays see the same plan even if the
/// settings change meanwhile.
/// </summary>
/// <param name="Ladder">The role asked first, then each role an unanswered request escalates to, with their addresses.</param>
/// <param name="Weekend">Non-working days for counting working days.</param>
public sealed record ApprovalPlan(
    IReadOnlyList<ApproverRung> Ladder,
    int ReminderAfterWorkingDays,
    int EscalationAfterWorkingDays,
    IReadOnlyList<DayOfWeek> Weekend);

/// <summary>One role of the escalation ladder and the address that answers for it.</summary>
public sealed record ApproverRung(CreditRole Role, string Email);
