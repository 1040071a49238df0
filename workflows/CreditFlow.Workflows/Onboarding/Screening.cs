namespace CreditFlow.Workflows.Onboarding;

/// <summary>The checks before scoring: a refusal, data still missing, or clear to score.</summary>
/// <param name="Refusal">Why the application is refused outright (blacklist, group, integrity); null when not.</param>
/// <param name="Missing">What sales must still supply, in words sales understands; empty when complete.</param>
public sealed record Screening(string? Refusal, IReadOnlyList<string> Missing);
