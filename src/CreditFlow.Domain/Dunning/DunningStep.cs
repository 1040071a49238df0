namespace CreditFlow.Domain.Dunning;

/// <summary>One rung of the dunning ladder.</summary>
/// <param name="Code">Its id, e.g. <c>yellow</c>; unique in the ladder.</param>
/// <param name="Offset">When it falls due.</param>
/// <param name="Actions">What it does, at least one.</param>
public sealed record DunningStep(string Code, DunningOffset Offset, IReadOnlyList<DunningAction> Actions);
