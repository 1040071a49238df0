using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Host.Workspace;

/// <summary>The figures of the month-by-month chart (<c>charts.js</c>: invoiced, collected, DSO), for any page that draws it.</summary>
public static class MonthsChart
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The months as the chart reads them: ISO month labels, amounts, DSO rounded to a tenth, and what was written off
    /// in each when there is any (the chart then draws it too: the bad-debt trend).
    /// </summary>
    /// <param name="position">The months.</param>
    /// <param name="writtenOff">What was written off in each month, when anything was.</param>
    /// <param name="behaviour">
    /// A customer's months beside its budget and its promises (<see cref="CustomerBehaviour"/>), one per month of
    /// <paramref name="position"/>: the chart then draws the budgeted sales and collection as lines, and the cash promised.
    /// </param>
    public static object Months(ReceivablesPosition position, IEnumerable<decimal>? writtenOff = null, IReadOnlyList<BehaviourMonth>? behaviour = null)
    {
        ArgumentNullException.ThrowIfNull(position);
        var budgeted = behaviour is { } b && b.Any(m => m.SalesBudget is not null || m.CollectionBudget is not null);
        var promised = behaviour is { } p && p.Any(m => m.Promised.Amount != 0m);
        return new
        {
            labels = position.Months.Select(m => m.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            invoiced = position.Months.Select(m => m.Invoiced.Amount),
            collected = position.Months.Select(m => m.Collected.Amount),
            dso = position.Months.Select(m => m.Dso is { } d ? Math.Round(d, 1) : (decimal?)null),
            writtenOff,
            salesBudget = budgeted ? behaviour!.Select(m => m.SalesBudget?.Amount) : null,
            collectionBudget = budgeted ? behaviour!.Select(m => m.CollectionBudget?.Amount) : null,
            promised = promised ? behaviour!.Select(m => m.Promised.Amount) : null,
        };
    }

    /// <summary>JSON of the currency and the months, safe inside a <c>script</c> element (the serializer escapes &lt;, &gt; and &amp;).</summary>
    public static string For(ReceivablesPosition position, IReadOnlyList<BehaviourMonth>? behaviour = null) =>
        JsonSerializer.Serialize(new { currency = position.Currency.Code, months = Months(position, behaviour: behaviour) }, Json);
}
