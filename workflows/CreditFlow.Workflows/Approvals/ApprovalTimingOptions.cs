using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// When an unanswered approval is reminded and escalated (section <c>Approvals</c>). Counted in
/// working days: the default is a reminder after 1 and an escalation after 2.
/// </summary>
public sealed class ApprovalTimingOptions
{
    /// <summary>Working days without an answer before the approver is reminded.</summary>
    [Range(1, 30, ErrorMessage = "Approvals__ReminderAfterWorkingDays must be 1-30.")]
    public int ReminderAfterWorkingDays { get; set; } = 1;

    /// <summary>Working days without an answer before the step moves to the next tier up.</summary>
    [Range(1, 60, ErrorMessage = "Approvals__EscalationAfterWorkingDays must be 1-60.")]
    public int EscalationAfterWorkingDays { get; set; } = 2;

    /// <summary>Non-working days, e.g. "Saturday,Sunday".</summary>
    [Required]
    public string Weekend { get; set; } = "Saturday,Sunday";
}
