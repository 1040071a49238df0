using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>A customer's sales in one calendar year.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Year">The year.</param>
/// <param name="Sales">Its sales that year.</param>
public sealed record CustomerYearSales(string CustomerId, int Year, Money Sales);
