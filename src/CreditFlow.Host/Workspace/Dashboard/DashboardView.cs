using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>What the dashboard shows: the position in one currency, the other currencies owed in, and the customers' names.</summary>
/// <param name="Position">The receivables in <see cref="ReceivablesPosition.Currency"/>.</param>
/// <param name="Currencies">Every currency something is owed in, most owed first (the page offers each).</param>
/// <param name="MostOverdue">The customers with the most overdue, most first.</param>
/// <param name="OnTimeCollectionTarget">The team's target for on-time collection.</param>
/// <param name="DsoMonths">The months each DSO figure is taken over.</param>
public sealed record DashboardView(
    ReceivablesPosition Position,
    IReadOnlyList<Currency> Currencies,
    IReadOnlyList<OverdueCustomer> MostOverdue,
    decimal OnTimeCollectionTarget,
    int DsoMonths);

/// <summary>A customer in "most overdue": its aging row and its name (its id when it has none on file).</summary>
public sealed record OverdueCustomer(string CustomerId, string Name, AgingRow Aging, Money Overdue);
