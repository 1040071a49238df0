using System.Globalization;
using System.Text;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Pages;
using CreditFlow.Storage.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// The customer's payment page (<c>/pay/{token}</c>) and its notices: its own frame in <see cref="PageLayout"/> (customers
/// see no staff navigation), no script, every value encoded with <see cref="Html.E"/>.
/// </summary>
internal static class PaymentPageHtml
{
    private const string Style = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f3f5f8}
        header{background:#1d2330;color:#fff;padding:.7rem 1.4rem;font-size:1.02rem}
        main{padding:1.2rem 1.4rem 2.5rem;max-width:60rem;margin:0 auto}
        h1{font-size:1.45rem;margin:.2rem 0 .2rem}h2{font-size:1.12rem;margin:0 0 .5rem}h3{font-size:1rem;margin:0 0 .4rem}
        p{margin:.3rem 0 .6rem}
        .lead{color:#4a5262;margin-bottom:1.1rem}
        .card{background:#fff;border:1px solid #d5dae1;border-radius:6px;padding:1rem 1.2rem;margin:0 0 1.2rem}
        .card.this{border:2px solid #2f6fde;box-shadow:0 1px 4px rgba(29,35,48,.08)}
        .facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem 1.2rem;margin:.4rem 0 .9rem}
        .facts div{display:flex;flex-direction:column}.facts dt{font-size:.8rem;color:#5d6573;text-transform:uppercase;letter-spacing:.03em}
        .facts dd{margin:0;font-size:1.05rem;font-weight:600}
        .actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.9rem}
        .actions form{border:1px solid #d5dae1;border-radius:6px;padding:.8rem .9rem;background:#fafbfc;display:flex;flex-direction:column;gap:.45rem}
        label{display:flex;flex-direction:column;font-weight:600;font-size:.92rem}label span.hint{font-weight:400;color:#5d6573}
        input,textarea{font:inherit;padding:.35rem .45rem;border:1px solid #8a93a3;border-radius:4px;margin-top:.15rem;background:#fff}
        textarea{min-height:4.2rem;resize:vertical}
        [aria-invalid=true]{border:2px solid #c0392b;background:#fff6f6}
        .field-error{color:#a52a1f;font-weight:600;font-size:.9rem}
        button{font:inherit;font-weight:600;padding:.5rem 1rem;border-radius:4px;border:1px solid #1f5bc4;background:#2f6fde;color:#fff;cursor:pointer;margin-top:auto}
        button.secondary{background:#fff;color:#1f5bc4}button.warn{background:#fff;color:#a52a1f;border-color:#a52a1f}
        :focus-visible{outline:3px solid #2f6fde;outline-offset:2px}
        table{border-collapse:collapse;background:#fff;width:100%;border:1px solid #d5dae1}
        th,td{border-bottom:1px solid #e3e7ec;padding:.45rem .6rem;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600;font-size:.9rem}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        tr.this td{background:#eef4ff;font-weight:600}tfoot td{font-weight:700;background:#f7f8fa}
        .tag{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .4rem;border-radius:3px;background:#2f6fde;color:#fff;margin-left:.35rem;vertical-align:middle}
        .promised{font-size:.9rem}td .promised,td.day{white-space:nowrap}
        .overdue{color:#b3261e;font-weight:700}.due-soon{color:#8a5a00}.ok-text{color:#1e7a3a}
        .notice{padding:.75rem 1rem;border-radius:6px;margin:0 0 1.1rem;background:#fff;border:1px solid #d5dae1}
        .notice h1{font-size:1.25rem}
        .error{background:#fde8e8;border-color:#d66}.ok{background:#e3f6e8;border-color:#6b6}.info{background:#fff8e1;border-color:#e0c068}
        .muted{color:#5d6573}.mono{font-family:ui-monospace,monospace}
        footer{margin-top:1.5rem;color:#5d6573;font-size:.88rem}
        """;

    /// <summary>The customer's frame: no navigation, no script, kept out of search engines (reached by personal links).</summary>
    public static PageFrame Frame { get; } = new("CreditFlow", Style, "<b>Credit department</b> · your invoices", Script: null, NoIndex: true);

    /// <summary>The labels the customer reads for the form fields, by the field's name (which the API's errors use too).</summary>
    public static IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["promisedDate"] = "Payment date",
        ["amount"] = "Amount",
        ["reason"] = "Reason",
    };

    /// <summary>A page that only tells something: a heading and paragraphs of already-encoded HTML.</summary>
    public static ContentHttpResult Notice(int statusCode, string title, params string[] paragraphsHtml) =>
        PageLayout.Page(
            Frame,
            title,
            $"<div class=\"notice {(statusCode < 400 ? "ok" : "error")}\" role=\"{(statusCode < 400 ? "status" : "alert")}\"><h1>{Html.E(title)}</h1>"
                + string.Concat(paragraphsHtml.Select(p => $"<p>{p}</p>")) + "</div>",
            statusCode: statusCode);

    /// <summary>An amount as customers read it: thousands separators, two decimals, the currency after.</summary>
    public static string Amount(Money money) => money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + money.Currency.Code;

    /// <summary>A day as customers read it, e.g. "16 Mar 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The page for the linked invoice of the form's state.</summary>
    /// <param name="view">What the page shows.</param>
    /// <param name="form">The values posted, to give them back with the errors; null on GET.</param>
    /// <param name="errors">Problems by field name (see <see cref="FieldLabels"/>).</param>
    /// <param name="message">A message for the whole page: the confirmation (ok) or why nothing was recorded.</param>
    public static ContentHttpResult Render(
        PaymentPageView view, IFormCollection? form = null, IReadOnlyDictionary<string, string[]>? errors = null, (bool Ok, string Text)? message = null,
        int statusCode = StatusCodes.Status200OK)
    {
        errors ??= new Dictionary<string, string[]>();
        var linked = view.Linked;
        var open = InvoiceFigures.Open(linked);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Invoices of {Html.E(view.CustomerName)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">Tell us how invoice <b>{Html.E(linked.InvoiceId)}</b> will be settled. Nothing changes until you press one of the buttons below.</p>");
        if (message is { } m)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"notice {(m.Ok ? "ok" : "error")}\" role=\"{(m.Ok ? "status" : "alert")}\" id=\"message\">{Html.E(m.Text)}</div>");
        }

        if (errors.Count > 0)
        {
            html.Append("<div class=\"notice error\" role=\"alert\" id=\"errors\"><b>Nothing was recorded. Please correct:</b><ul>");
            foreach (var (field, problems) in errors)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Html.E(Label(field))}</b>: {Html.E(string.Join(" ", problems))}</li>");
            }

            html.Append("</ul></div>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<section class=\"card this\" id=\"invoice\" aria-labelledby=\"invoice-title\"><h2 id=\"invoice-title\">Invoice {Html.E(linked.InvoiceId)}</h2>")
            .Append("<dl class=\"facts\">")
            .Append(Fact("Invoiced", Amount(linked.Amount)))
            .Append(Fact("Still to pay", Amount(open)))
            .Append(Fact("Issued", Day(linked.IssueDate)))
            .Append(Fact("Due", Day(linked.DueDate)))
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Status</dt><dd>{DueText(linked, view.Today)}</dd></div>")
            .Append("</dl>")
            .Append(Said(linked));
        if (open.Amount <= 0m)
        {
            html.Append("<p class=\"ok-text\"><b>This invoice is paid. Thank you.</b></p>");
        }
        else
        {
            html.Append(Forms(view, open, form, errors));
        }

        html.Append("</section>");
        html.Append(Table(view));
        html.Append(CultureInfo.InvariantCulture, $"<footer>Questions? Write to the credit department at <a href=\"mailto:{Html.E(view.CreditMailbox)}\">{Html.E(view.CreditMailbox)}</a>. ")
            .Append(CultureInfo.InvariantCulture, $"This link works until {Html.E(Day(DateOnly.FromDateTime(view.LinkExpires.UtcDateTime)))}.</footer>");
        return PageLayout.Page(Frame, $"Invoice {linked.InvoiceId}", html.ToString(), statusCode: statusCode);
    }

    private static string Forms(PaymentPageView view, Money open, IFormCollection? form, IReadOnlyDictionary<string, string[]> errors)
    {
        var linked = view.Linked;
        var byDue = linked.DueDate < view.Today ? view.Today : linked.DueDate;
        var action = $"/pay/{Html.U(view.Token)}";
        var posted = form?["form"].ToString();
        var html = new StringBuilder("<div class=\"actions\">");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}/confirm\" id=\"confirm-form\"><h3>Payment on time</h3>")
            .Append(CultureInfo.InvariantCulture, $"<p>We will pay <b>{Html.E(Amount(open))}</b> by <b>{Html.E(Day(byDue))}</b>{(linked.DueDate < view.Today ? " (today: the due date has passed)" : "")}.</p>")
            .Append("<button type=\"submit\">We will pay by the due date</button></form>");

        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}/promise\" id=\"promise-form\"><h3>Payment on another date</h3>")
            .Append("<input type=\"hidden\" name=\"form\" value=\"promise\">")
            .Append(Input("promisedDate", "Payment date", "date", posted == "promise" ? form!["promisedDate"].ToString() : "", errors,
                $"min=\"{view.Today:yyyy-MM-dd}\" required", hint: null))
            .Append(Input("amount", $"Amount ({open.Currency.Code})", "text", posted == "promise" ? form!["amount"].ToString() : "", errors,
                "inputmode=\"decimal\" autocomplete=\"off\"", hint: $"optional; leave empty for the whole {Amount(open)}"))
            .Append("<button type=\"submit\" class=\"secondary\">We will pay on this date</button></form>");

        if (linked.Disputes.FirstOrDefault(d => d.ClosedOn is null) is { } dispute)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"notice info\" id=\"dispute-open\"><h3>Dispute open</h3><p>You disputed this invoice on {Html.E(Day(dispute.OpenedOn))}: “{Html.E(dispute.Reason)}”. ")
                .Append("The credit department is looking into it; reminders for this invoice are paused meanwhile.</p></div>");
        }
        else
        {
            var error = FieldError("reason", errors);
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}/dispute\" id=\"dispute-form\"><h3>Something is wrong</h3>")
                .Append("<input type=\"hidden\" name=\"form\" value=\"dispute\">")
                .Append(CultureInfo.InvariantCulture, $"<label for=\"reason\">Reason <span class=\"hint\">what is wrong with the invoice or the delivery</span></label>")
                .Append(CultureInfo.InvariantCulture, $"<textarea id=\"reason\" name=\"reason\" maxlength=\"{DisputeBody.MaxChars}\" required{(error.Length > 0 ? " aria-invalid=\"true\" aria-describedby=\"reason-error\"" : "")}>{Html.E(posted == "dispute" ? form!["reason"].ToString() : "")}</textarea>")
                .Append(error)
                .Append("<button type=\"submit\" class=\"warn\">We dispute this invoice</button></form>");
        }

        return html.Append("</div>").ToString();
    }

    private static string Input(string name, string label, string type, string value, IReadOnlyDictionary<string, string[]> errors, string attributes, string? hint)
    {
        var error = FieldError(name, errors);
        return $"<label for=\"{name}\">{Html.E(label)}{(hint is null ? "" : $" <span class=\"hint\">{Html.E(hint)}</span>")}</label>"
            + $"<input id=\"{name}\" name=\"{name}\" type=\"{type}\" value=\"{Html.E(value)}\" {attributes}{(error.Length > 0 ? $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"" : "")}>"
            + error;
    }

    private static string FieldError(string name, IReadOnlyDictionary<string, string[]> errors) =>
        errors.TryGetValue(name, out var problems)
            ? $"<span class=\"field-error\" id=\"{name}-error\">{Html.E(Label(name))}: {Html.E(string.Join(" ", problems))}</span>"
            : "";

    private static string Label(string field) => FieldLabels.TryGetValue(field, out var label) ? label : field;

    private static string Fact(string name, string value) => $"<div><dt>{Html.E(name)}</dt><dd>{Html.E(value)}</dd></div>";

    /// <summary>What the customer already told us about the invoice: promises and disputes, newest first.</summary>
    private static string Said(DunningRecord invoice)
    {
        if (invoice.Promises.Count == 0 && invoice.Disputes.Count == 0)
        {
            return string.Empty;
        }

        var lines = invoice.Promises.Select(p => (On: p.MadeOn, Text: $"Promised on {Day(p.MadeOn)} to pay {(p.Amount is { } a ? Amount(a) : "the whole amount")} by {Day(p.PromisedDate)}."))
            .Concat(invoice.Disputes.Select(d => (On: d.OpenedOn, Text: $"Disputed on {Day(d.OpenedOn)}: “{d.Reason}”{(d.ClosedOn is { } closed ? $" (resolved {Day(closed)})" : " (open)")}.")))
            .OrderByDescending(l => l.On)
            .Select(l => $"<li>{Html.E(l.Text)}</li>");
        return $"<details class=\"said\" open><summary>What you told us</summary><ul>{string.Concat(lines)}</ul></details>";
    }

    private static string DueText(DunningRecord invoice, DateOnly today)
    {
        if (InvoiceFigures.Open(invoice).Amount <= 0m)
        {
            return "<span class=\"ok-text\">Paid</span>";
        }

        // A promise still to come is what the customer now goes by; one that has passed is not mentioned again here.
        var promised = invoice.Promises.LastOrDefault() is { } promise && promise.PromisedDate >= today
            ? $"<br><span class=\"ok-text promised\">Promised for {Html.E(Day(promise.PromisedDate))}</span>"
            : "";
        var overdue = InvoiceFigures.DaysOverdue(invoice, today);
        if (overdue > 0)
        {
            return $"<span class=\"overdue\">{overdue} {(overdue == 1 ? "day" : "days")} overdue</span>{promised}";
        }

        var left = invoice.DueDate.DayNumber - today.DayNumber;
        return (left == 0 ? "<span class=\"due-soon\">Due today</span>" : $"<span class=\"{(left <= 7 ? "due-soon" : "")}\">Due in {left} {(left == 1 ? "day" : "days")}</span>") + promised;
    }

    private static string Table(PaymentPageView view)
    {
        var html = new StringBuilder("<section aria-labelledby=\"all-title\"><h2 id=\"all-title\">All your open invoices</h2>")
            .Append("<table id=\"open-invoices\"><thead><tr><th>Invoice</th><th>Issued</th><th>Due</th><th class=\"num\">Invoiced</th><th class=\"num\">Still to pay</th><th>Status</th></tr></thead><tbody>");
        foreach (var invoice in view.OpenInvoices)
        {
            var isLinked = invoice.InvoiceId == view.Linked.InvoiceId;
            html.Append(CultureInfo.InvariantCulture, $"<tr{(isLinked ? " class=\"this\"" : "")} data-invoice=\"{Html.E(invoice.InvoiceId)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(invoice.InvoiceId)}{(isLinked ? "<span class=\"tag\">this letter</span>" : "")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"day\">{Html.E(Day(invoice.IssueDate))}</td><td class=\"day\">{Html.E(Day(invoice.DueDate))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Html.E(Amount(invoice.Amount))}</td><td class=\"num\">{Html.E(Amount(InvoiceFigures.Open(invoice)))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{DueText(invoice, view.Today)}</td></tr>");
        }

        html.Append("</tbody><tfoot>");

        // One total per currency: amounts of different currencies are never added.
        foreach (var currency in view.OpenInvoices.GroupBy(i => i.Amount.Currency))
        {
            var total = currency.Aggregate(Money.Zero(currency.Key), (sum, i) => sum + InvoiceFigures.Open(i));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"4\">Total still to pay</td><td class=\"num\">{Html.E(Amount(total))}</td><td></td></tr>");
        }

        return html.Append("</tfoot></table></section>").ToString();
    }
}
