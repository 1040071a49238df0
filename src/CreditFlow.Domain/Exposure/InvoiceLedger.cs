using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Exposure;

/// <summary>
/// One invoice as the ERP has told about it: its amount (once the invoice itself arrived) and the
/// payments applied to it. A payment that arrives before its invoice is kept here, so the open
/// amount is exact in any arrival order; paying more than the invoice leaves nothing open (an
/// overpayment is not credit). Credit notes lower what is owed; a reversed payment is taken off what was
/// paid, and may arrive before the payment it reverses (paid is then below zero until it comes).
/// </summary>
/// <param name="Amount">The invoiced amount; zero until the invoice arrives.</param>
/// <param name="Paid">Payments applied so far, less reversals.</param>
/// <param name="DueDate">When it falls due; null until the invoice arrives.</param>
public sealed record InvoiceLedger(Money Amount, Money Paid, DateOnly? DueDate)
{
    /// <summary>An invoice not seen yet.</summary>
    public static InvoiceLedger Empty(Currency currency) => new(Money.Zero(currency), Money.Zero(currency), null);

    /// <summary>Credit notes issued against it; zero when none.</summary>
    public Money Credited { get; init; } = Money.Zero(Amount.Currency);

    /// <summary>What is still unpaid: the amount less credit notes and payments, never below zero nor above what is owed.</summary>
    /// <exception cref="CurrencyMismatchException">The amounts are in different currencies.</exception>
    public Money Open => Money.Max(Amount - Credited - Money.Max(Paid, Money.Zero(Amount.Currency)), Money.Zero(Amount.Currency));
}
