using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>What the dashboard shows: the position in one currency, the team's KPIs, the other currencies owed in, and the customers' names.</summary>
/// <param name="Position">The receivables in <see cref="ReceivablesPosition.Currency"/>.</param>
/// <param name="Kpis">The team's KPIs next to it.</param>
/// <param name="Currencies">Every currency something is owed in, most owed first (the page offers each).</param>
/// <param name="MostOverdue">The customers with the most overdue, most first.</param>
/// <param name="Settings">The targets and windows the figures were read with.</param>
public sealed record DashboardView(
    ReceivablesPosition Position,
    TeamKpis Kpis,
    IReadOnlyList<Currency> Currencies,
    IReadOnlyList<OverdueCustomer> MostOverdue,
    DashboardOptions Settings)
{
    /// <summary>The receivable budget in the position's currency, its months to <see cref="DashboardOptions.BudgetMonthsAhead"/> ahead; empty without a sales budget.</summary>
    public IReadOnlyList<BudgetedMonth> Budget { get; init; } = [];

    /// <summary>The limits and exposure in the position's currency against the total credit line, and where the high-risk customers are.</summary>
    public CreditBook? Book { get; init; }

    /// <summary>The names of the customers on file, by id, as <see cref="Book"/> was read with them.</summary>
    public IReadOnlyDictionary<string, string> BookNames { get; init; } = new Dictionary<string, string>();

    /// <summary>When <see cref="Book"/> was read (it is reused for <see cref="DashboardOptions.CreditBookSeconds"/>).</summary>
    public DateTimeOffset? BookReadAt { get; init; }

    /// <summary>Some customers' latest changes were not yet counted (more than a request counts first, or the figures are being built anew).</summary>
    public bool StillCounting { get; init; }
}

/// <summary>A customer in "most overdue": its aging row and its name (its id when it has none on file).</summary>
public sealed record OverdueCustomer(string CustomerId, string Name, AgingRow Aging, Money Overdue);
