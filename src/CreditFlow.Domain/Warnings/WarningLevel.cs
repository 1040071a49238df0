namespace CreditFlow.Domain.Warnings;

/// <summary>The three warning levels, least severe first (so they compare by severity).</summary>
public enum WarningLevel
{
    /// <summary>Warning: collect and freeze the limit.</summary>
    Yellow,

    /// <summary>Alert: legal involved, preserve assets.</summary>
    Orange,

    /// <summary>Crisis: loss-stop plan and litigation.</summary>
    Red,
}
