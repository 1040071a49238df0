using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>An amount written off as bad debt on a day.</summary>
public sealed record WriteOff(DateOnly On, Money Amount);
