namespace CreditFlow.Domain.Configuration;

/// <summary>A rule configuration failed validation; nothing of it was used.</summary>
public sealed class InvalidConfigurationException(string configuration, IReadOnlyList<ConfigurationProblem> problems)
    : Exception($"Invalid {configuration}:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => $"  {p}")))
{
    /// <summary>Which configuration, e.g. <c>scorecard model 'multi-dimension'</c>.</summary>
    public string Configuration { get; } = configuration;

    /// <summary>Every problem found, not just the first.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; } = problems;
}
