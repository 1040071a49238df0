namespace CreditFlow.Domain.Scoring;

/// <summary>What a factor does when its input was not supplied. Explicit per factor, never implied.</summary>
public enum MissingDataPolicy
{
    /// <summary>Score the factor's configured neutral points: neither reward nor punish the gap.</summary>
    Neutral,

    /// <summary>Score zero points: an unknown counts as the worst case.</summary>
    Zero,

    /// <summary>No score at all: the result lists the input as missing instead.</summary>
    Required,
}
