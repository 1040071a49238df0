using CreditFlow.Host.Pages;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Dunning;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// What the payment page reads, and the one way it opens a link: the token checked (malformed 400, tampered 403,
/// expired 410), then the invoice it names looked up in its customer's own records (not there: 404), then the
/// customer's other open invoices. Every refusal is a page for the customer, never a stack trace.
/// </summary>
internal sealed class PaymentPageContext(
    PaymentLinks links, DunningStore invoices, InvoiceDunning dunning, CustomerRepository customers, TimeProvider clock, IOptions<DunningOptions> dunningOptions)
{
    // A customer with more open invoices than this sees the first this many; the linked one is always shown.
    private const int MostInvoices = 1000;

    public DunningStore Invoices => invoices;

    public InvoiceDunning Dunning => dunning;

    public TimeProvider Clock => clock;

    /// <summary>The page's view of <paramref name="token"/>, or the page refusing it.</summary>
    public async Task<(PaymentPageView? View, IResult? Refusal)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var mailbox = dunningOptions.Value.CreditMailbox;
        var now = clock.GetUtcNow();
        switch (links.Check(token, now))
        {
            case PaymentLinkCheck.Malformed:
                return (null, PaymentPageHtml.Notice(
                    StatusCodes.Status400BadRequest, "This is not a valid payment link",
                    "The link is incomplete or damaged. Open it from the mail again; if the mail split it over two lines, copy all of it.",
                    Contact(mailbox)));
            case PaymentLinkCheck.Tampered:
                return (null, PaymentPageHtml.Notice(
                    StatusCodes.Status403Forbidden, "This payment link is not genuine",
                    "It was changed after it was sent, or was not issued by our credit department. Please use the link in the original mail. Nothing was changed.",
                    Contact(mailbox)));
            case PaymentLinkCheck.Expired expired:
                return (null, PaymentPageHtml.Notice(
                    StatusCodes.Status410Gone, "This payment link has expired",
                    $"It worked until {Html.E(PaymentPageHtml.Day(DateOnly.FromDateTime(expired.ExpiresAt.UtcDateTime)))}. Nothing was changed.",
                    $"Please contact the credit department at <a href=\"mailto:{Html.E(mailbox)}\">{Html.E(mailbox)}</a> about invoice {Html.E(expired.InvoiceId)}: they can tell you what is open and send you a new link."));
            case PaymentLinkCheck.Valid valid:
                if (await invoices.GetAsync(valid.CustomerId, valid.InvoiceId, cancellationToken) is not { } linked)
                {
                    return (null, PaymentPageHtml.Notice(
                        StatusCodes.Status404NotFound, "We cannot find this invoice",
                        $"Invoice {Html.E(valid.InvoiceId)} is not on file for you any more. Nothing was changed.",
                        Contact(mailbox)));
                }

                var (all, _) = await invoices.ListAsync(valid.CustomerId, MostInvoices, continuation: null, cancellationToken);
                var open = all.Where(i => i.InvoiceId != linked.InvoiceId && InvoiceFigures.Open(i).Amount > 0m)
                    .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal);
                var name = (await customers.GetAsync(valid.CustomerId, cancellationToken))?.Value.Name ?? valid.CustomerId;
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                return (new PaymentPageView(token, valid.ExpiresAt, name, linked, [linked, .. open], today, mailbox), null);
            default:
                throw new InvalidOperationException("Unknown payment link check.");
        }
    }

    private static string Contact(string mailbox) =>
        $"Questions? Write to the credit department at <a href=\"mailto:{Html.E(mailbox)}\">{Html.E(mailbox)}</a>.";
}
