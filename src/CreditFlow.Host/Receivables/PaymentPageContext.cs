using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// What the payment page reads, and the one way it opens a link: the token checked (malformed 400, tampered 403,
/// expired 410), then the invoice it names looked up in its customer's own records (not there: 404), then the
/// customer's other open invoices. Every refusal is a page for the customer (<see cref="PaymentRefusalPage"/>), never a stack trace.
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
        var check = links.Check(token, now);
        switch (check)
        {
            case PaymentLinkCheck.Valid valid:
                if (await invoices.GetAsync(valid.CustomerId, valid.InvoiceId, cancellationToken) is not { } linked)
                {
                    return (null, Refusal(check, mailbox));
                }

                var (all, _) = await invoices.ListAsync(valid.CustomerId, MostInvoices, continuation: null, cancellationToken);
                var open = all.Where(i => i.InvoiceId != linked.InvoiceId && InvoiceFigures.Open(i).Amount > 0m)
                    .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal);
                var name = (await customers.GetAsync(valid.CustomerId, cancellationToken))?.Value.Name ?? valid.CustomerId;
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                return (new PaymentPageView(token, valid.ExpiresAt, name, linked, [linked, .. open], today, mailbox), null);
            case PaymentLinkCheck.Malformed or PaymentLinkCheck.Tampered or PaymentLinkCheck.Expired:
                return (null, Refusal(check, mailbox));
            default:
                throw new InvalidOperationException("Unknown payment link check.");
        }
    }

    // A genuine link whose invoice is not on file is refused as Valid: the 404.
    private static RazorComponentResult<PaymentRefusalPage> Refusal(PaymentLinkCheck check, string mailbox) =>
        new(new { Check = check, Mailbox = mailbox }) { StatusCode = PaymentRefusalPage.StatusOf(check) };
}
