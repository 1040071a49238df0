using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Terms;

/// <summary>A proposed change of credit term with the expected effects, as the credit manager estimates them.</summary>
/// <remarks>
/// Rates are fractions (0.2 = 20 %). Amounts may be negative when the term is shortened (sales and
/// receivables fall); all amounts share one currency.
/// </remarks>
public sealed record CreditTermChange
{
    /// <summary>Creates the proposal.</summary>
    /// <param name="currentTermDays">The term today, in days.</param>
    /// <param name="proposedTermDays">The proposed term, in days.</param>
    /// <param name="extraSales">Additional annual sales expected from the new term.</param>
    /// <param name="averageGrossMargin">Average gross margin on those sales, 0..1.</param>
    /// <param name="extraCreditManagementCost">Additional cost of managing the credit (estimate).</param>
    /// <param name="extraReceivables">Additional receivables outstanding under the new term.</param>
    /// <param name="bankRate">Annual bank (overdraft) rate that funds the receivables, 0..1.</param>
    /// <param name="extraBadDebtLoss">Additional bad-debt loss expected (estimate).</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative days, or a margin or rate outside 0..1.</exception>
    /// <exception cref="CurrencyMismatchException">Amounts in different currencies.</exception>
    public CreditTermChange(
        int currentTermDays,
        int proposedTermDays,
        Money extraSales,
        decimal averageGrossMargin,
        Money extraCreditManagementCost,
        Money extraReceivables,
        decimal bankRate,
        Money extraBadDebtLoss)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentTermDays);
        ArgumentOutOfRangeException.ThrowIfNegative(proposedTermDays);
        ArgumentOutOfRangeException.ThrowIfNegative(averageGrossMargin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(averageGrossMargin, 1m);
        ArgumentOutOfRangeException.ThrowIfNegative(bankRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bankRate, 1m);
        foreach (var amount in new[] { extraCreditManagementCost, extraReceivables, extraBadDebtLoss })
        {
            if (amount.Currency != extraSales.Currency)
            {
                throw new CurrencyMismatchException(extraSales.Currency, amount.Currency);
            }
        }

        (CurrentTermDays, ProposedTermDays, ExtraSales, AverageGrossMargin) = (currentTermDays, proposedTermDays, extraSales, averageGrossMargin);
        (ExtraCreditManagementCost, ExtraReceivables, BankRate, ExtraBadDebtLoss) = (extraCreditManagementCost, extraReceivables, bankRate, extraBadDebtLoss);
    }

    /// <summary>The term today, in days.</summary>
    public int CurrentTermDays { get; }

    /// <summary>The proposed term, in days.</summary>
    public int ProposedTermDays { get; }

    /// <summary>Additional annual sales expected.</summary>
    public Money ExtraSales { get; }

    /// <summary>Average gross margin on the extra sales.</summary>
    public decimal AverageGrossMargin { get; }

    /// <summary>Additional credit-management cost.</summary>
    public Money ExtraCreditManagementCost { get; }

    /// <summary>Additional receivables outstanding.</summary>
    public Money ExtraReceivables { get; }

    /// <summary>Annual bank rate funding the receivables.</summary>
    public decimal BankRate { get; }

    /// <summary>Additional bad-debt loss expected.</summary>
    public Money ExtraBadDebtLoss { get; }
}
