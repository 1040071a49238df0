namespace CreditFlow.OrderBench;

/// <summary>What the bench measures (<c>--profile</c>); see bench/README.md, "Under pressure (issue 21)".</summary>
internal enum BenchProfile
{
    /// <summary>Each rate at a steady pace, <c>--runs</c> times, with a summary of the spread per rate.</summary>
    Steady,

    /// <summary>One run through <c>--phases</c> (a burst between two calm stretches); recovery after the burst.</summary>
    Overload,

    /// <summary>One run at one rate with Azurite paused (SIGSTOP) for a moment; recovery after it resumes.</summary>
    Stall,

    /// <summary>Increasing rates until p99 passes 25 ms; the highest rate that held.</summary>
    Ceiling,
}
