namespace CreditFlow.Domain.Limits;

/// <summary>One figure a limit proposal was computed from, kept with the result for the credit report.</summary>
/// <param name="Name">What it is, e.g. <c>annual sales</c>.</param>
/// <param name="Value">The figure as stated, e.g. <c>12,000,000.00 CNY</c> or <c>0.10</c>.</param>
public sealed record LimitProposalInput(string Name, string Value);
