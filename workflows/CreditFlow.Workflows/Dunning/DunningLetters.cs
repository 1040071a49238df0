using System.Globalization;
using System.Net;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Dunning;

/// <summary>The mails of the dunning ladder, by template: the reminder before due, the payment confirmation, the payment notice.</summary>
internal static class DunningLetters
{
    /// <summary>The mail of <paramref name="template"/> about <paramref name="invoice"/>, with <paramref name="open"/> still unpaid.</summary>
    public static WorkflowMail Compose(string template, DunningRecord invoice, Money open, string customerName, string to)
    {
        var amount = Amount(open);
        var due = invoice.DueDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var (subject, body) = template switch
        {
            "payment-reminder" => (
                $"Payment reminder: invoice {invoice.InvoiceId}, {amount} due on {due}",
                $"This is a friendly reminder that invoice {invoice.InvoiceId} of {Amount(invoice.Amount)} falls due on {due}; {amount} is still open. If the payment is on its way, please disregard this message."),
            "payment-confirmation" => (
                $"Please confirm the payment of invoice {invoice.InvoiceId} ({amount}, due {due})",
                $"Invoice {invoice.InvoiceId} of {Amount(invoice.Amount)} falls due on {due}. Please confirm by reply that {amount} will be paid by then, or tell us the date you will pay or what you dispute."),
            "payment-notice" => (
                $"Payment due today: invoice {invoice.InvoiceId}, {amount}",
                $"Invoice {invoice.InvoiceId} fell due on {due} and {amount} is open. Please pay it today; if you have paid already, thank you, and please send us the remittance details."),
            _ => (
                $"Invoice {invoice.InvoiceId}: {amount} open",
                $"Invoice {invoice.InvoiceId} of {Amount(invoice.Amount)}, due on {due}, has {amount} open."),
        };

        var text = $"Dear {customerName},\n\n{body}\n\nKind regards,\nCredit department";
        var html = $"<p>Dear {WebUtility.HtmlEncode(customerName)},</p><p>{WebUtility.HtmlEncode(body)}</p><p>Kind regards,<br>Credit department</p>";
        return new WorkflowMail(to, subject, html, text, []);
    }

    /// <summary>An amount as people read it: thousands separators, two decimals, the currency after.</summary>
    public static string Amount(Money money) => money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + money.Currency.Code;
}
