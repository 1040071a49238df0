using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// DSO and receivable turnover over a period (docs/domain.md "Receivable analysis"; the deck's 销售变现天数
/// and 应收账款周转天数).
/// </summary>
/// <remarks>
/// DSO = average credit receivables ÷ credit sales of the period × days of the period.
/// Turnover = sales of the period (cash and credit) ÷ average receivables; turnover days = days of the
/// period ÷ turnover. The two differ only in the sales they divide by: with cash sales, turnover
/// days are shorter than DSO. Results are not rounded.
/// </remarks>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period (inclusive).</param>
/// <param name="AverageReceivables">Mean of the receivable balances given (e.g. opening and closing, or month-ends).</param>
/// <param name="CreditSales">Credit sales of the period.</param>
/// <param name="TotalSales">All sales of the period.</param>
public sealed record ReceivableTurnover(DateOnly From, DateOnly To, Money AverageReceivables, Money CreditSales, Money TotalSales)
{
    /// <summary>Days in the period, both ends included.</summary>
    public int PeriodDays => To.DayNumber - From.DayNumber + 1;

    /// <summary>Days sales outstanding; <c>null</c> when there were no credit sales.</summary>
    public decimal? Dso => CreditSales.Amount == 0m ? null : AverageReceivables.Amount * PeriodDays / CreditSales.Amount; // multiply first: exact for whole figures

    /// <summary>How many times the receivables turned over in the period; <c>null</c> when there were none.</summary>
    public decimal? TurnoverRatio => AverageReceivables.Amount == 0m ? null : TotalSales.Amount / AverageReceivables.Amount;

    /// <summary>Receivable turnover days; <c>null</c> when there were no sales or no receivables.</summary>
    public decimal? TurnoverDays => TotalSales.Amount == 0m || AverageReceivables.Amount == 0m ? null : AverageReceivables.Amount * PeriodDays / TotalSales.Amount;

    /// <summary>Computes the figures of a period from receivable balances observed in it.</summary>
    /// <param name="from">First day of the period.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <param name="receivableBalances">Balances observed in the period, at least one (e.g. opening and closing).</param>
    /// <param name="creditSales">Credit sales of the period.</param>
    /// <param name="totalSales">All sales of the period, at least the credit sales.</param>
    /// <exception cref="ArgumentException">The period ends before it starts, no balance is given, an amount is negative, or total sales are below credit sales.</exception>
    /// <exception cref="CurrencyMismatchException">The amounts are in different currencies.</exception>
    public static ReceivableTurnover Compute(DateOnly from, DateOnly to, IReadOnlyList<Money> receivableBalances, Money creditSales, Money totalSales)
    {
        ArgumentNullException.ThrowIfNull(receivableBalances);
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to}) before it starts ({from}).", nameof(to));
        }

        if (receivableBalances.Count == 0)
        {
            throw new ArgumentException("At least one receivable balance is needed.", nameof(receivableBalances));
        }

        if (receivableBalances.Any(b => b.IsNegative) || creditSales.IsNegative || totalSales < creditSales)
        {
            throw new ArgumentException("Balances and sales must not be negative, and total sales must include the credit sales.", nameof(receivableBalances));
        }

        var sum = receivableBalances.Aggregate(Money.Zero(creditSales.Currency), (s, b) => s + b);
        return new ReceivableTurnover(from, to, sum / receivableBalances.Count, creditSales, totalSales);
    }
}
