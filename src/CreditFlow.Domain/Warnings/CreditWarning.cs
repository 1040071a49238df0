using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Warnings;

/// <summary>A raised warning: the task pushed to the responsible role, due by <see cref="RespondBy"/>.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Level">Yellow, orange or red.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="Signal">The signal it fired on.</param>
/// <param name="Actions">The response to start.</param>
/// <param name="Responsible">Who must respond.</param>
/// <param name="RespondBy">Signal time + the rule's response time.</param>
/// <param name="Reason">The rule as applied, in words.</param>
public sealed record CreditWarning(
    string CustomerId,
    WarningLevel Level,
    string Rule,
    CreditSignal Signal,
    IReadOnlyList<ResponseAction> Actions,
    CreditRole Responsible,
    DateTimeOffset RespondBy,
    string Reason);
