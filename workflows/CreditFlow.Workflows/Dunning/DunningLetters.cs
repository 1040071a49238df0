using System.Globalization;
using System.Net;
using System.Text;
using CreditFlow.Domain.Monetary;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Dunning;

/// <summary>
/// The customer's dunning letter of one day: every invoice with a reminder, confirmation request or payment notice
/// due that day in one mail, the leading invoice (the oldest due) first, amounts in the invoices' currency.
/// </summary>
internal static class DunningLetters
{
    /// <summary>The letter listing <paramref name="lines"/> (at least one; the first leads), addressed to <paramref name="to"/>.</summary>
    public static WorkflowMail Compose(IReadOnlyList<LetterLine> lines, string customerName, string to, Uri? link)
    {
        var lead = lines[0];
        var (subject, body) = Wording(lead);
        var text = new StringBuilder($"Dear {customerName},\n\n{body}\n");
        var html = new StringBuilder($"<p>Dear {WebUtility.HtmlEncode(customerName)},</p><p>{WebUtility.HtmlEncode(body)}</p>");
        if (lines.Count > 1)
        {
            subject += lines.Count == 2 ? " and 1 more invoice" : $" and {lines.Count - 1} more invoices";
            text.Append("\nYour invoices with a reminder today:\n");
            html.Append("<p>Your invoices with a reminder today:</p><table cellpadding=\"6\" style=\"border-collapse:collapse\"><tr><th align=\"left\">Invoice</th><th align=\"left\">Due</th><th align=\"right\">Open</th><th align=\"left\"></th></tr>");
            foreach (var line in lines)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {line.InvoiceId}  due {Day(line.DueDate)}  {Amount(line.Open)} open  ({What(line.Template)})\n");
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(line.InvoiceId)}</td><td>{Day(line.DueDate)}</td><td align=\"right\">{Amount(line.Open)}</td><td>{What(line.Template)}</td></tr>");
            }

            html.Append("</table>");
        }

        if (link is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nConfirm the payment, tell us the date you will pay, or raise a dispute: {link}\n");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">Confirm the payment, promise a date or raise a dispute</a></p>");
        }

        text.Append("\nKind regards,\nCredit department");
        html.Append("<p>Kind regards,<br>Credit department</p>");
        return new WorkflowMail(to, subject, html.ToString(), text.ToString(), link is null ? [] : [new WorkflowMailLink("Confirm, promise or dispute", link)]);
    }

    /// <summary>An amount as people read it: thousands separators, two decimals, the currency after.</summary>
    public static string Amount(Money money) => money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + money.Currency.Code;

    private static (string Subject, string Body) Wording(LetterLine lead)
    {
        var amount = Amount(lead.Open);
        var due = Day(lead.DueDate);
        return lead.Template switch
        {
            "payment-reminder" => (
                $"Payment reminder: invoice {lead.InvoiceId}, {amount} due on {due}",
                $"This is a friendly reminder that invoice {lead.InvoiceId} of {Amount(lead.Amount)} falls due on {due}; {amount} is still open. If the payment is on its way, please disregard this message."),
            "payment-confirmation" => (
                $"Please confirm the payment of invoice {lead.InvoiceId} ({amount}, due {due})",
                $"Invoice {lead.InvoiceId} of {Amount(lead.Amount)} falls due on {due}. Please confirm that {amount} will be paid by then, or tell us the date you will pay or what you dispute."),
            "payment-notice" => (
                $"Payment due today: invoice {lead.InvoiceId}, {amount}",
                $"Invoice {lead.InvoiceId} fell due on {due} and {amount} is open. Please pay it today; if you have paid already, thank you, and please send us the remittance details."),
            _ => (
                $"Invoice {lead.InvoiceId}: {amount} open",
                $"Invoice {lead.InvoiceId} of {Amount(lead.Amount)}, due on {due}, has {amount} open."),
        };
    }

    private static string What(string template) => template switch
    {
        "payment-reminder" => "falls due soon",
        "payment-confirmation" => "please confirm the payment",
        "payment-notice" => "due now",
        _ => template,
    };

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>One invoice in a day's letter.</summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Template">Its mail step's template.</param>
/// <param name="DueDate">When it falls (fell) due.</param>
/// <param name="Amount">The invoiced amount.</param>
/// <param name="Open">What is still open.</param>
internal sealed record LetterLine(string InvoiceId, string Template, DateOnly DueDate, Money Amount, Money Open);
