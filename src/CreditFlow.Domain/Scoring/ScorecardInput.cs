namespace CreditFlow.Domain.Scoring;

/// <summary>A named input a scorecard model declares, such as <c>debtToAssetRatio</c>.</summary>
/// <param name="Name">The key under which callers supply the value.</param>
/// <param name="Unit">The unit the bands are written in, e.g. <c>percent</c>, <c>ratio</c>, <c>days</c>.</param>
/// <param name="Description">What the value means and where it comes from.</param>
public sealed record ScorecardInput(string Name, string Unit, string Description)
{
    /// <summary>The key under which callers supply the value.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException("An input needs a name.", nameof(Name)) : Name;
}
