using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Dunning;

/// <summary>What a dunning step does.</summary>
public enum DunningActionKind
{
    /// <summary>Send a mail from a template (reminder, payment confirmation, payment notice).</summary>
    Mail,

    /// <summary>Create a call task for a role (e.g. sales calls the customer).</summary>
    CallTask,

    /// <summary>Raise an early warning of a level.</summary>
    Warning,

    /// <summary>Freeze the customer's credit limit.</summary>
    LimitFreeze,

    /// <summary>Start special collection: credit, finance and sales agree a written plan.</summary>
    SpecialCollection,

    /// <summary>Accelerate the contract (all amounts fall due).</summary>
    ContractAcceleration,

    /// <summary>Hand the case to legal or an outside agency.</summary>
    LegalHandoff,

    /// <summary>Start litigation or arbitration.</summary>
    Litigation,
}

/// <summary>The warning colour a dunning step raises (docs/domain.md "Early warning").</summary>
public enum DunningWarningLevel
{
    /// <summary>Collection and limit freeze.</summary>
    Yellow,

    /// <summary>Legal involved and asset preservation.</summary>
    Orange,

    /// <summary>Loss-stop plan and litigation.</summary>
    Red,
}

/// <summary>One action of a dunning step.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Template">Mail template id; required for <see cref="DunningActionKind.Mail"/>.</param>
/// <param name="Role">Who acts; required for <see cref="DunningActionKind.CallTask"/>.</param>
/// <param name="Level">Warning level; required for <see cref="DunningActionKind.Warning"/>.</param>
public sealed record DunningAction(DunningActionKind Kind, string? Template = null, CreditRole? Role = null, DunningWarningLevel? Level = null)
{
    /// <summary>What is missing for <see cref="Kind"/>, or <c>null</c> when complete; shared by validation and parsing.</summary>
    internal (string Property, string Problem)? Missing() => Kind switch
    {
        DunningActionKind.Mail when string.IsNullOrWhiteSpace(Template) => ("template", "is required for a mail"),
        DunningActionKind.CallTask when Role is null => ("role", "is required for a call task"),
        DunningActionKind.Warning when Level is null => ("level", "is required for a warning"),
        _ => null,
    };
}
