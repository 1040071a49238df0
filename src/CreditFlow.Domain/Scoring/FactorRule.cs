namespace CreditFlow.Domain.Scoring;

/// <summary>How a factor turns its input value into points (before the factor's floor and ceiling).</summary>
/// <remarks>Either <see cref="BandedRule"/> or <see cref="PenaltyRule"/>.</remarks>
public abstract record FactorRule
{
    private protected FactorRule()
    {
    }

    /// <summary>The points for <paramref name="value"/>, or null when the rule does not cover it.</summary>
    /// <param name="value">The input value.</param>
    /// <param name="explanation">The rule as applied, in words, for the score explanation.</param>
    public abstract decimal? Apply(decimal value, out string explanation);

    /// <summary>The rule in words, without a value.</summary>
    public abstract string Describe();
}
