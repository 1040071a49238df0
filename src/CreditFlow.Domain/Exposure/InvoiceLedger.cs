using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Exposure;

/// <summary>
/// One invoice as the ERP has told about it: its amount (once the invoice itself arrived) and the
/// payments applied to it. A payment that arrives before its invoice is kept here, so the open
/// amount is exact in any arrival order; paying more than the invoice leaves nothing open (an
/// overpayment is not credit).
/// </summary>
/// <param name="Amount">The invoiced amount; zero until the invoice arrives.</param>
/// <param name="Paid">Payments applied so far.</param>
/// <param name="DueDate">When it falls due; null until the invoice arrives.</param>
public sealed record InvoiceLedger(Money Amount, Money Paid, DateOnly? DueDate)
{
    /// <summary>An invoice not seen yet.</summary>
    public static InvoiceLedger Empty(Currency currency) => new(Money.Zero(currency), Money.Zero(currency), null);

    /// <summary>What is still unpaid, never below zero.</summary>
    /// <exception cref="CurrencyMismatchException">The amounts are in different currencies.</exception>
    public Money Open => Money.Max(Amount - Paid, Money.Zero(Amount.Currency));
}
