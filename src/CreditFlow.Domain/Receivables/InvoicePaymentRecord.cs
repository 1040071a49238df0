namespace CreditFlow.Domain.Receivables;

/// <summary>How one invoice of a customer was paid, for learning its payment habit.</summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="DueDate">When it fell due.</param>
/// <param name="SettledOn">When it was paid in full; <c>null</c> while open.</param>
/// <param name="ForcedCollection">Paid only after special collection, an agency or legal steps.</param>
/// <param name="WrittenOff">Written off as bad debt.</param>
public sealed record InvoicePaymentRecord(string InvoiceId, DateOnly DueDate, DateOnly? SettledOn, bool ForcedCollection = false, bool WrittenOff = false);
