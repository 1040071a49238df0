using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>How a hold ends.</summary>
public enum HoldResolution
{
    /// <summary>An approver released it.</summary>
    Released,

    /// <summary>An approver rejected it.</summary>
    Rejected,

    /// <summary>A payment cured every reason; released by the rules.</summary>
    Cured,

    /// <summary>The ERP cancelled the order.</summary>
    Withdrawn,
}

/// <summary>The end of a hold: what, by whom, when; <paramref name="ReleasedAmount"/> on a release.</summary>
public sealed record HoldVerdict(HoldResolution Resolution, string DecidedBy, CreditRole? Role, string Comment, Money? ReleasedAmount, DateTimeOffset DecidedAt)
{
    /// <summary>The ERP may ship.</summary>
    public bool Releases => Resolution is HoldResolution.Released or HoldResolution.Cured;
}
