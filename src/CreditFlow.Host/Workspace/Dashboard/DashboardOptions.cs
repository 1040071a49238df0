using System.ComponentModel.DataAnnotations;
using CreditFlow.Domain.Classes;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>The dashboard's settings (section <c>Dashboard</c>): how far back it looks, how many it names, and the team's targets.</summary>
public sealed class DashboardOptions
{
    /// <summary>Months of collection history (DSO, invoiced and collected), the current one included.</summary>
    [Range(1, 36)]
    public int Months { get; set; } = 12;

    /// <summary>Months each DSO figure is taken over (a rolling period: one month's sales swing with one large invoice).</summary>
    [Range(1, 12)]
    public int DsoMonths { get; set; } = 3;

    /// <summary>Customers named in "most overdue".</summary>
    [Range(1, 100)]
    public int TopCustomers { get; set; } = 10;

    /// <summary>The on-time collection target (DOMAIN.md: at least 90%).</summary>
    [Range(0.0, 1.0)]
    public decimal OnTimeCollectionTarget { get; set; } = 0.90m;

    /// <summary>The bad-debt rate target (DOMAIN.md: at most 3%).</summary>
    [Range(0.0, 1.0)]
    public decimal BadDebtTarget { get; set; } = 0.03m;

    /// <summary>How long a warning may wait for its answer (DOMAIN.md: 24 hours).</summary>
    [Range(1, 720)]
    public int WarningResponseHours { get; set; } = 24;

    /// <summary>How far back warnings count for the response KPI.</summary>
    [Range(1, 366)]
    public int WarningResponseWindowDays { get; set; } = 90;

    /// <summary>How far back a customer's first warning makes it a new risk customer.</summary>
    [Range(1, 366)]
    public int NewRiskWindowDays { get; set; } = 30;

    /// <summary>Seconds between the background updates of the customers' receivables summaries.</summary>
    [Range(1, 3600)]
    public int SummaryIntervalSeconds { get; set; } = 10;

    /// <summary>
    /// The most customers a dashboard request summarises before it reads (their invoices changed since the last
    /// background update); beyond it the page says its figures are still being brought up to date.
    /// </summary>
    [Range(0, 10000)]
    public int CatchUpLimit { get; set; } = 200;

    /// <summary>
    /// How many customers the background update summarises at once. Few, so that its rounds (three storage requests a
    /// customer) leave the storage to the ERP's bookings and the workflows' looks, which someone waits on; a dashboard
    /// request's own catch-up, which its reader waits on, summarises 8 at once.
    /// </summary>
    [Range(1, 64)]
    public int SummaryBackgroundParallelism { get; set; } = 4;

    /// <summary>The receivable budget's assumption: days from a sale to its cash.</summary>
    [Range(0, 720)]
    public int BudgetDaysToCollect { get; set; } = 60;

    /// <summary>The receivable budget's assumption: the share of what is owed expected to be overdue.</summary>
    [Range(0.0, 1.0)]
    public decimal BudgetOverdueShare { get; set; } = 0.10m;

    /// <summary>Months ahead the receivable budget shows beyond the current one.</summary>
    [Range(0, 24)]
    public int BudgetMonthsAhead { get; set; } = 3;

    /// <summary>
    /// The company-wide total credit line (DOMAIN.md: set first, then each customer's limit, then both reconciled); null
    /// while none is set, and the credit book then shows limits and exposure without it.
    /// </summary>
    [Range(0.0, 1e15)]
    public decimal? TotalCreditLine { get; set; }

    /// <summary>The total credit line's currency.</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string TotalCreditLineCurrency { get; set; } = "CNY";

    /// <summary>The credit classes whose customers count as high risk, comma-separated (DOMAIN.md: C watch, D no credit).</summary>
    [Required]
    [RegularExpression("^[ABCD]( *, *[ABCD])*$")]
    public string HighRiskClasses { get; set; } = "C,D";

    /// <summary>
    /// Seconds the credit book's reading of every customer's profile and exposure is reused before it is read again: it
    /// scans the credit table, so it is read when asked, not in the background, and not for every page view.
    /// </summary>
    [Range(0, 86400)]
    public int CreditBookSeconds { get; set; } = 60;

    /// <summary>The high-risk classes, parsed.</summary>
    public IReadOnlyList<CreditClass> HighRisk() =>
        HighRiskClasses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Enum.Parse<CreditClass>).Distinct().Order().ToList();

    /// <summary>The currency shown when nothing is owed in any (a new installation).</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "CNY";
}
