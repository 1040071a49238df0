namespace CreditFlow.Domain.Scoring;

/// <summary>How the distance past the warning line is turned into steps of penalty.</summary>
public enum PenaltyCounting
{
    /// <summary>Linear: 12 points past a 10-point step is 1.2 steps. No cliff at step edges.</summary>
    Proportional,

    /// <summary>Only complete steps count: 12 points past a 10-point step is 1 step.</summary>
    WholeSteps,

    /// <summary>Every started step counts in full: 12 points past a 10-point step is 2 steps.</summary>
    StartedSteps,
}
