namespace CreditFlow.Domain.Monetary;

/// <summary>Two amounts in different currencies were combined without an exchange rate.</summary>
public sealed class CurrencyMismatchException(Currency left, Currency right)
    : InvalidOperationException($"Cannot combine {left} and {right} without an exchange rate.")
{
    /// <summary>The first currency.</summary>
    public Currency Left { get; } = left;

    /// <summary>The second currency.</summary>
    public Currency Right { get; } = right;
}
