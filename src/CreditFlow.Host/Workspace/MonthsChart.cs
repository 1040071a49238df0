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
    public static object Months(ReceivablesPosition position, IEnumerable<decimal>? writtenOff = null)
    {
        ArgumentNullException.ThrowIfNull(position);
        return new
        {
            labels = position.Months.Select(m => m.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            invoiced = position.Months.Select(m => m.Invoiced.Amount),
            collected = position.Months.Select(m => m.Collected.Amount),
            dso = position.Months.Select(m => m.Dso is { } d ? Math.Round(d, 1) : (decimal?)null),
            writtenOff,
        };
    }

    /// <summary>JSON of the currency and the months, safe inside a <c>script</c> element (the serializer escapes &lt;, &gt; and &amp;).</summary>
    public static string For(ReceivablesPosition position) =>
        JsonSerializer.Serialize(new { currency = position.Currency.Code, months = Months(position) }, Json);
}
