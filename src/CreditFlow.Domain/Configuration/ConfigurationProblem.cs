namespace CreditFlow.Domain.Configuration;

/// <summary>One thing wrong in a rule configuration.</summary>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.dimensions[0].factors[2].bands[1].from</c>.</param>
/// <param name="Problem">What is wrong, with the value found.</param>
public sealed record ConfigurationProblem(string Path, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Problem}";
}
