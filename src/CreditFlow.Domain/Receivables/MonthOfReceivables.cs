using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>One month of receivables.</summary>
/// <param name="Start">Its first day.</param>
/// <param name="Invoiced">Invoiced in the month (the credit sales).</param>
/// <param name="Collected">Paid in the month.</param>
/// <param name="Closing">Owed at its end (at today for the current month).</param>
/// <param name="Dso">Days sales outstanding over the DSO period ending with the month; null when nothing was invoiced in it.</param>
public sealed record MonthOfReceivables(DateOnly Start, Money Invoiced, Money Collected, Money Closing, decimal? Dso);
