namespace CreditFlow.Domain.Scoring;

/// <summary>A factor that could not be scored, so the model gives no score: what the officer must still collect or check.</summary>
/// <param name="Dimension">The factor's dimension.</param>
/// <param name="Factor">The factor's name.</param>
/// <param name="Input">The input that is missing or unusable.</param>
/// <param name="Reason">Why, e.g. "input missing and required" or a value outside every band.</param>
public sealed record UnscoredFactor(string Dimension, string Factor, string Input, string Reason);
