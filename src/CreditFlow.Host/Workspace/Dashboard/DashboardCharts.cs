using System.Text.Json;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>The figures the dashboard's charts draw, as the JSON its script reads (the tables beside them show the same).</summary>
public static class DashboardCharts
{
    // The industries or regions a chart names (the table behind it has them all): the most high-risk exposure first.
    private const int SlicesDrawn = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>JSON safe inside a <c>script</c> element: the serializer escapes &lt;, &gt; and &amp;.</summary>
    public static string For(DashboardView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var position = view.Position;
        var data = new
        {
            currency = position.Currency.Code,
            aging = new { labels = position.Aging.Buckets, amounts = position.Aging.Total.Amounts.Select(a => a.Amount) },
            abc = new
            {
                labels = new[] { "A · good", "B · watch", "C · high risk" },
                amounts = new[] { ReceivableClass.A, ReceivableClass.B, ReceivableClass.C }.Select(c => position.Abc.AmountOf(c).Amount),
            },
            months = MonthsChart.Months(position, view.Kpis.Months.Any(m => m.WrittenOff.Amount > 0m) ? view.Kpis.Months.Select(m => m.WrittenOff.Amount) : null),
            book = view.Book is not { } book ? null : new
            {
                classes = new
                {
                    labels = book.ByClass.Select(c => c.Key),
                    limits = book.ByClass.Select(c => c.Limits.Amount),
                    exposure = book.ByClass.Select(c => c.Exposure.Amount),
                    highRisk = book.ByClass.Select(c => c.HighRiskCustomers > 0),
                },
                industries = Drawn(book.ByIndustry),
                regions = Drawn(book.ByRegion),
            },
            budget = view.Budget.Count == 0 ? null : new
            {
                labels = view.Budget.Select(b => b.Start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
                sales = view.Budget.Select(b => b.Sales.Amount),
                invoiced = view.Budget.Select(b => position.Months.FirstOrDefault(m => m.Start == b.Start)?.Invoiced.Amount),
                owed = view.Budget.Select(b => b.Owed.Amount),
                actualOwed = view.Budget.Select(b => position.Months.FirstOrDefault(m => m.Start == b.Start)?.Closing.Amount),
            },
        };
        return JsonSerializer.Serialize(data, Json);
    }

    private static object Drawn(IReadOnlyList<BookSlice> slices) => new
    {
        labels = slices.Take(SlicesDrawn).Select(s => s.Key),
        highRisk = slices.Take(SlicesDrawn).Select(s => s.HighRiskExposure.Amount),
        rest = slices.Take(SlicesDrawn).Select(s => s.Exposure.Amount - s.HighRiskExposure.Amount),
    };
}
