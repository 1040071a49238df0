using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>What the payment page shows: the linked invoice and every open invoice of its customer (the linked one first).</summary>
/// <param name="Token">The link's token, for the forms' addresses.</param>
/// <param name="LinkExpires">When the link stops working.</param>
/// <param name="CustomerName">The customer's name (its id when the credit file has none).</param>
/// <param name="Linked">The invoice the link is for; the only one the page acts on.</param>
/// <param name="OpenInvoices">The customer's invoices with something open, the linked one first, then by due date.</param>
/// <param name="Today">Today (UTC) by the host's clock.</param>
/// <param name="CreditMailbox">Where the customer writes with questions.</param>
/// <remarks>Public because the payment page, a Razor component (always public), takes it as a parameter.</remarks>
public sealed record PaymentPageView(
    string Token, DateTimeOffset LinkExpires, string CustomerName, DunningRecord Linked, IReadOnlyList<DunningRecord> OpenInvoices, DateOnly Today, string CreditMailbox);
