using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The custom status of a hold: where it is, who it waits for, how it ended.</summary>
public sealed record HoldProgress(string Stage, CreditRole ApproverRole, HoldResolution? Resolution);

/// <summary>The stages of <see cref="HoldProgress"/>.</summary>
public static class HoldStatusText
{
    /// <summary>Waiting for an approver, a payment or a cancellation.</summary>
    public const string Waiting = "waiting";

    /// <summary>Decided; telling the ERP.</summary>
    public const string CallingBack = "calling back the ERP";

    /// <summary>Decided and told.</summary>
    public const string Done = "done";
}
