using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>The figures the invoice views and the overdue filter compute the same way: what is open and for how long.</summary>
internal static class InvoiceFigures
{
    /// <summary>The amount less what dunning has seen paid, never below zero (<see cref="DunningRecord.Open"/>).</summary>
    public static Money Open(DunningRecord record) => record.Open;

    /// <summary>Days past the due date on <paramref name="today"/> while something is open; 0 when paid or not yet due.</summary>
    public static int DaysOverdue(DunningRecord record, DateOnly today) =>
        Open(record).Amount > 0m && today > record.DueDate ? today.DayNumber - record.DueDate.DayNumber : 0;

    /// <summary>Today (UTC) by the host's clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
