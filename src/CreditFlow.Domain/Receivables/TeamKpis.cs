using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// The credit team's KPIs besides the receivables' own (docs/domain.md "Receivable analysis"): how much went bad, how
/// fast warnings were answered, how much is in special collection, how many customers newly turned risky.
/// </summary>
/// <param name="WrittenOff">Written off as bad debt in the months of the position.</param>
/// <param name="BadDebtRate">That over what was invoiced in those months; null when nothing was invoiced.</param>
/// <param name="WarningsRaised">Warnings raised in the response window.</param>
/// <param name="WarningResponse">Of those, the share answered within the response time; null when none was raised.</param>
/// <param name="SpecialCollection">Open on invoices that reached special collection (or beyond).</param>
/// <param name="SpecialCollectionShare">That over all that is open; null when nothing is.</param>
/// <param name="NewRiskCustomers">Customers whose first warning was raised in the risk window.</param>
public sealed record TeamKpis(
    Money WrittenOff,
    decimal? BadDebtRate,
    int WarningsRaised,
    decimal? WarningResponse,
    Money SpecialCollection,
    decimal? SpecialCollectionShare,
    int NewRiskCustomers)
{
    /// <summary>The bad-debt trend: one per month of the position, oldest first.</summary>
    public IReadOnlyList<MonthOfBadDebt> Months { get; init; } = [];

    /// <summary>The KPIs next to <paramref name="position"/> (its currency, its day, its months).</summary>
    /// <param name="position">The receivables they stand beside.</param>
    /// <param name="writeOffs">Write-offs; those in other currencies or outside the position's months are left out.</param>
    /// <param name="warnings">Every warning with when it was raised and answered.</param>
    /// <param name="specialCollection">Open on invoices (in the position's currency) that reached special collection.</param>
    /// <param name="responseTime">How long a warning may wait for its answer (docs/domain.md: 24 hours).</param>
    /// <param name="responseWindow">How far back warnings count for the response KPI.</param>
    /// <param name="riskWindow">How far back a customer's first warning makes it a new risk customer.</param>
    public static TeamKpis Build(
        ReceivablesPosition position,
        IEnumerable<WriteOff> writeOffs,
        IEnumerable<RaisedWarning> warnings,
        Money specialCollection,
        TimeSpan responseTime,
        TimeSpan responseWindow,
        TimeSpan riskWindow)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(writeOffs);
        ArgumentNullException.ThrowIfNull(warnings);
        var currency = position.Currency;
        var from = position.Months[0].Start;
        var offs = writeOffs.Where(w => w.Amount.Currency == currency).ToList();
        var writtenOff = offs.Where(w => w.On >= from && w.On <= position.Today)
            .Aggregate(Money.Zero(currency), (sum, w) => sum + w.Amount);
        var invoiced = position.Months.Aggregate(Money.Zero(currency), (sum, m) => sum + m.Invoiced);

        var end = new DateTimeOffset(position.Today.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        var all = warnings.ToList();
        var recent = all.Where(w => w.RaisedAt > end - responseWindow && w.RaisedAt <= end).ToList();
        var inTime = recent.Count(w => w.AnsweredAt is { } answered && answered - w.RaisedAt <= responseTime);
        var newRisk = all.GroupBy(w => w.CustomerId, StringComparer.Ordinal)
            .Count(g => g.Min(w => w.RaisedAt) is var first && first > end - riskWindow && first <= end);

        var months = position.Months.Select(m =>
        {
            var last = m.Start.AddMonths(1).AddDays(-1);
            var written = offs.Where(w => w.On >= m.Start && w.On <= last).Aggregate(Money.Zero(currency), (sum, w) => sum + w.Amount);
            return new MonthOfBadDebt(m.Start, written, m.Invoiced.Amount == 0m ? null : written.Amount / m.Invoiced.Amount);
        }).ToList();

        return new TeamKpis(
            writtenOff,
            invoiced.Amount == 0m ? null : writtenOff.Amount / invoiced.Amount,
            recent.Count,
            recent.Count == 0 ? null : (decimal)inTime / recent.Count,
            specialCollection,
            position.Open.Amount == 0m ? null : specialCollection.Amount / position.Open.Amount,
            newRisk)
        {
            Months = months,
        };
    }
}

/// <summary>One month of the bad-debt trend: written off in it, and that over what was invoiced in it (null when nothing was).</summary>
public sealed record MonthOfBadDebt(DateOnly Start, Money WrittenOff, decimal? Rate);
