namespace CreditFlow.Domain.Scoring;

/// <summary>Which side of the warning line costs points.</summary>
public enum PenaltyDirection
{
    /// <summary>Values above the line are penalised (e.g. debt-to-asset ratio).</summary>
    Above,

    /// <summary>Values below the line are penalised (e.g. a current ratio under its floor).</summary>
    Below,
}
