using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.LegalHandoff;

/// <summary>An invoice handed to legal with the case, as it stood when it was added.</summary>
/// <param name="InvoiceId">The ERP's invoice id.</param>
/// <param name="DueDate">When it fell due; recoveries pay the oldest first.</param>
/// <param name="OpenWhenAdded">What was owed on it when it joined the case.</param>
public sealed record CaseInvoice(string InvoiceId, DateOnly DueDate, Money OpenWhenAdded);
