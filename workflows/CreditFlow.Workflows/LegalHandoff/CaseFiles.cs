using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.LegalCases;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>
/// Builds a case file (docs/domain.md "Legal handoff"): one ZIP with an HTML summary — the customer, the invoices handed
/// over, every reminder and notice dunning actually sent with its date, the payment history, promises and disputes, the
/// special collection plans, the decision log — and the customer's contracts and documents as they were uploaded.
/// </summary>
public sealed class CaseFiles(CreditStore credit, DunningStore invoices, CaseFileStore files)
{
    /// <summary>The summary's name inside the archive.</summary>
    public const string SummaryName = "case-summary.html";

    /// <summary>Builds and stores the file of <paramref name="legalCase"/> as it stands; returns the blob name. Safe to repeat.</summary>
    public async Task<string> BuildAsync(LegalCase legalCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(legalCase);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var documents = await AddDocumentsAsync(archive, legalCase.CustomerId, cancellationToken);
            var summary = await SummaryAsync(legalCase, documents, cancellationToken);
            var entry = archive.CreateEntry(SummaryName, CompressionLevel.Optimal);
            entry.LastWriteTime = legalCase.OpenedAt;
            await using var stream = await entry.OpenAsync(cancellationToken);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(summary), cancellationToken);
        }

        // Named by the invoices it covers: an invoice joining the case makes a new file, a repeated step finds its own.
        return await files.AddOnceAsync(legalCase.CaseId, $"case-file-{legalCase.Invoices.Count}.zip", new BinaryData(zip.ToArray()), cancellationToken);
    }

    /// <summary>The name the file covering the case's invoices as they are now has (see <see cref="BuildAsync"/>).</summary>
    public static string CurrentName(LegalCase legalCase) => $"{legalCase.CaseId}/case-file-{legalCase.Invoices.Count}.zip";

    private async Task<List<string>> AddDocumentsAsync(ZipArchive archive, string customerId, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var application in await credit.Applications.ListForCustomerAsync(customerId, cancellationToken))
        {
            foreach (var document in await credit.Documents.ListAsync(application.Id, cancellationToken))
            {
                await using var content = await credit.Documents.DownloadAsync(application.Id, document.Name, cancellationToken);
                if (content is null)
                {
                    continue;
                }

                var path = $"documents/{application.Id}/{document.Kind}/{Path.GetFileName(document.Name)}";
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = document.UploadedAt;
                await using var target = await entry.OpenAsync(cancellationToken);
                await content.Content.CopyToAsync(target, cancellationToken);
                added.Add($"{path} — {document.Kind}, \"{document.OriginalFileName}\", uploaded {document.UploadedAt:yyyy-MM-dd}");
            }
        }

        return added;
    }

    private async Task<string> SummaryAsync(LegalCase c, IReadOnlyList<string> documents, CancellationToken cancellationToken)
    {
        var customer = (await credit.Customers.GetAsync(c.CustomerId, cancellationToken))?.Value;
        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');
        Line("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        Line($"<title>Case file {E(c.CaseId)}</title>");
        Line("<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2330}table{border-collapse:collapse;margin:.5rem 0 1.2rem}th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f5}h2{margin-top:1.6rem}.num{text-align:right}</style></head><body>");
        Line($"<h1>Case file {E(c.CaseId)}</h1>");
        Line("<table>");
        Row("Customer", $"{c.CustomerName} ({c.CustomerId})");
        Row("Registration number", customer?.RegistrationNumber ?? "unknown");
        Row("Actual controller", customer?.ActualController ?? "unknown");
        Row("Opened", $"{c.OpenedAt:yyyy-MM-dd HH:mm} UTC by {c.OpenedBy}: {c.Reason}");
        Row("Claimed", c.Claimed.ToString());
        Line("</table>");

        Line("<h2>Invoices handed over</h2><table><tr><th>Invoice</th><th>Issued</th><th>Due</th><th class=\"num\">Amount</th><th class=\"num\">Open when handed over</th></tr>");
        var records = new List<DunningRecord>();
        foreach (var invoice in c.Invoices)
        {
            var record = await invoices.GetAsync(c.CustomerId, invoice.InvoiceId, cancellationToken);
            if (record is not null)
            {
                records.Add(record);
            }

            Line($"<tr><td>{E(invoice.InvoiceId)}</td><td>{record?.IssueDate:yyyy-MM-dd}</td><td>{invoice.DueDate:yyyy-MM-dd}</td><td class=\"num\">{E(record?.Amount.ToString() ?? "")}</td><td class=\"num\">{E(invoice.OpenWhenAdded.ToString())}</td></tr>");
        }

        Line("</table>");

        Line("<h2>Reminders, notices and steps taken</h2><table><tr><th>Taken</th><th>Invoice</th><th>Step</th><th>What was done</th></tr>");
        foreach (var (record, step) in records.SelectMany(r => r.Steps.Select(s => (r, s))).OrderBy(x => x.s.TakenAt))
        {
            Line($"<tr><td>{step.TakenAt:yyyy-MM-dd HH:mm}</td><td>{E(record.InvoiceId)}</td><td>{E(step.Code)}</td><td>{E(string.Join("; ", step.Done))}</td></tr>");
        }

        Line("</table>");

        Line("<h2>Payment history</h2><table><tr><th>Seen</th><th>Invoice</th><th class=\"num\">Amount</th></tr>");
        foreach (var (record, payment) in records.SelectMany(r => r.Payments.Select(p => (r, p))).OrderBy(x => x.p.PaidOn))
        {
            Line($"<tr><td>{payment.PaidOn:yyyy-MM-dd}</td><td>{E(record.InvoiceId)}</td><td class=\"num\">{E(payment.Amount.ToString())}</td></tr>");
        }

        Line("</table>");

        Line("<h2>Promises and disputes</h2><table><tr><th>Day</th><th>Invoice</th><th>What</th></tr>");
        var said = records.SelectMany(r => r.Promises.Select(p => (p.MadeOn, r.InvoiceId, $"promised to pay {(p.Amount is { } a ? a.ToString() : "in full")} by {p.PromisedDate:yyyy-MM-dd}"))
            .Concat(r.Disputes.Select(d => (d.OpenedOn, r.InvoiceId, $"dispute raised by {d.RaisedBy}: {d.Reason}" + (d.ClosedOn is { } closed ? $" (resolved {closed:yyyy-MM-dd}: {d.Resolution})" : " (open)")))));
        foreach (var (day, invoiceId, what) in said.OrderBy(x => x.Item1))
        {
            Line($"<tr><td>{day:yyyy-MM-dd}</td><td>{E(invoiceId)}</td><td>{E(what)}</td></tr>");
        }

        Line("</table>");

        Line("<h2>Special collection plans</h2>");
        var plans = records.SelectMany(r => r.Plans.Select(p => (r.InvoiceId, p))).ToList();
        if (plans.Count == 0)
        {
            Line("<p>None.</p>");
        }

        foreach (var (invoiceId, plan) in plans)
        {
            Line($"<h3>{E(plan.PlanId)} (invoice {E(invoiceId)}) — {E(plan.Outcome)}{(plan.DecidedBy is { } by ? " by " + E(by) : "")}</h3>");
            Line($"<p>Submitted {plan.SubmittedOn:yyyy-MM-dd} by {E(plan.SubmittedBy)}. Cause: {E(plan.Cause)}. Means: {E(plan.Means)}. Owner: {E(plan.Owner)}.</p><ul>");
            foreach (var milestone in plan.Milestones)
            {
                Line($"<li>{milestone.On:yyyy-MM-dd}: {E(milestone.What)}</li>");
            }

            Line("</ul>");
        }

        Line("<h2>Decision log</h2><table><tr><th>When</th><th>Who</th><th>Decision</th><th>Why</th></tr>");
        foreach (var decision in (await credit.Decisions.ListForCustomerAsync(c.CustomerId, 500, cancellationToken)).OrderBy(d => d.DecidedAt))
        {
            Line($"<tr><td>{decision.DecidedAt:yyyy-MM-dd HH:mm}</td><td>{E(decision.DecidedBy)}</td><td>{E(decision.What)}</td><td>{E(decision.Why)}</td></tr>");
        }

        Line("</table>");

        Line("<h2>Contracts and documents in this archive</h2><ul>");
        foreach (var document in documents)
        {
            Line($"<li>{E(document)}</li>");
        }

        Line(documents.Count == 0 ? "<li>No documents were uploaded for this customer.</li></ul>" : "</ul>");
        Line("</body></html>");
        return html.ToString();

        void Row(string label, string value) => Line($"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string E(IFormattable value) => WebUtility.HtmlEncode(value.ToString(null, CultureInfo.InvariantCulture));
}
