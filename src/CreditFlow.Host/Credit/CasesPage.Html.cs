using System.Globalization;
using System.Text;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Cases;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Workflows.LegalHandoff;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Credit;

/// <summary>The pieces of the cases pages: the list's table and filters, and the case page with its panels.</summary>
internal static partial class CasesPage
{
    private const string Style = """
        <style>
        .summary{display:flex;gap:.6rem;margin:0 0 .9rem;flex-wrap:wrap}
        .pill{background:#fff;border:1px solid #dde1e7;border-radius:999px;padding:.2rem .8rem}.pill b{font-size:1.05rem}
        .pill.legal-pill{border-color:#ecd27a;background:#fffae3;color:#6b5200}.pill.approval-pill{border-color:#9db8e6;background:#eef4fd;color:#1e4a8f}
        .statuses{display:flex;gap:.3rem;flex-wrap:wrap;margin:0 0 1rem}
        .statuses a{padding:.25rem .7rem;border:1px solid #c9cfd8;border-radius:4px;background:#fff;color:#1d2330;text-decoration:none}
        .statuses a.on{background:#1d2330;color:#fff;border-color:#1d2330}
        .badge{display:inline-block;padding:.12rem .6rem;border-radius:999px;font-size:.72rem;font-weight:700;letter-spacing:.05em;text-transform:uppercase;white-space:nowrap;vertical-align:middle;background:#e4e7ec;color:#3a4250}
        .badge.s-awaitingLegal{background:#f5c518;color:#3d2e00}.badge.s-inProgress{background:#2f6fd0;color:#fff}
        .badge.s-recovered{background:#1f7a45;color:#fff}.badge.s-settled{background:#0f766e;color:#fff}
        .badge.s-writtenOff{background:#8b1e1e;color:#fff}.badge.s-withdrawn{background:#6b7380;color:#fff}
        .badge.route{background:#eef1f5;color:#343b47;border:1px solid #d5dae2}.badge.kind{background:#eef4fd;color:#1e4a8f}
        .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}.ccy{color:#6b7380;font-size:.78rem;margin-left:.2rem}
        .zero{color:#9aa1ad}.owed{font-weight:700}.good{color:#1f7a45}.bad{color:#8b1e1e}
        table.cases{border-radius:6px}table.cases td{vertical-align:middle}table.cases td.customer{overflow-wrap:anywhere;min-width:11rem}
        table.cases td.customer a{color:#1d2330;text-decoration:none}table.cases td.customer a:hover b{text-decoration:underline}
        table.cases tr.awaiting td:first-child{box-shadow:inset 4px 0 0 #f5c518}table.cases tr.approval td:first-child{box-shadow:inset 4px 0 0 #2f6fd0}
        .case-id{font-size:.78rem}.nowrap,table.cases td.route,table.cases td.heard{white-space:nowrap}.quiet{color:#8a5a00;font-weight:600}.waits{font-weight:600}
        form.open-case{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap;background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:.7rem .9rem;margin:0 0 1rem}
        form.open-case .title{font-weight:600;margin-right:.4rem;align-self:center}
        form label.field{display:flex;flex-direction:column;gap:.2rem;font-weight:600;font-size:.85rem}
        form input[type=text],form select,form textarea{font:inherit;padding:.35rem .5rem;border:1px solid #8a93a3;border-radius:4px;box-sizing:border-box}
        form textarea{width:100%;resize:vertical}form.open-case .reason{flex:1;min-width:16rem}form.open-case .reason input{width:100%}
        button.primary{padding:.4rem 1.1rem;font:inherit;font-weight:600;background:#1f6f43;color:#fff;border:1px solid #185a36;border-radius:4px}
        button.secondary{padding:.4rem 1.1rem;font:inherit;font-weight:600;background:#fff;color:#1d2330;border:1px solid #8a93a3;border-radius:4px}
        button.danger{padding:.4rem 1.1rem;font:inherit;font-weight:600;background:#b42318;color:#fff;border:1px solid #8b1e1e;border-radius:4px}
        .crumbs{margin:0 0 .3rem;color:#6b7380}.crumbs a{color:#2f5ea8;text-decoration:none}
        .case-head{display:flex;justify-content:space-between;align-items:flex-start;gap:1rem;flex-wrap:wrap}
        .case-head h1{margin:0 0 .35rem}.case-head .tags{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
        a.download{display:inline-block;padding:.45rem .9rem;background:#fff;border:1px solid #8a93a3;border-radius:4px;color:#1d2330;text-decoration:none;font-weight:600}
        .opened{margin:.6rem 0 1rem;color:#4a5261}
        .amounts{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:.7rem;margin:0 0 1.2rem}
        .tile{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:.6rem .8rem;text-align:right}
        .tile .label{display:block;text-align:left;font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7380}
        .tile .value{display:block;font-size:1.35rem;font-weight:650;font-variant-numeric:tabular-nums;margin-top:.2rem}.tile .value .ccy{font-size:.8rem;font-weight:400}
        .tile .note{display:block;font-size:.78rem;color:#6b7380}.tile.owed-tile{border-color:#e5a0a0;box-shadow:inset 0 3px 0 #c62828}
        .layout{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.2rem;align-items:start}
        .layout h2{font-size:1.02rem;margin:1.2rem 0 .5rem}.layout .main>h2:first-child{margin-top:0}
        table.invoices tfoot td,table.invoices tfoot th{font-weight:700;background:#f8f9fb}
        .panel{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:.8rem 1rem;margin:0 0 .9rem}
        .panel h2{margin:0 0 .5rem !important;font-size:.95rem}.panel p{margin:.3rem 0}
        .panel.waiting{border-color:#9db8e6;box-shadow:inset 4px 0 0 #2f6fd0}.panel.waiting.legal{border-color:#ecd27a;box-shadow:inset 4px 0 0 #f5c518}
        .panel.approval{border-color:#9db8e6;background:#f7faff}
        dl.kv{display:grid;grid-template-columns:auto 1fr;gap:.25rem .8rem;margin:.4rem 0}dl.kv dt{color:#6b7380}dl.kv dd{margin:0}dl.kv dd.num{text-align:right}
        .panel form{margin:.5rem 0 0}.panel form label.field{margin:0 0 .5rem}.buttons{display:flex;gap:.5rem}
        fieldset.routes{border:0;margin:0 0 .5rem;padding:0}fieldset.routes legend{font-weight:600;font-size:.85rem;padding:0;margin-bottom:.2rem}
        label.route{display:flex;gap:.45rem;align-items:center;padding:.15rem 0}
        details.step{border-top:1px solid #eceef2;padding:.5rem 0 0;margin:.5rem 0 0}details.step summary{cursor:pointer;font-weight:600}
        .must{margin:.3rem 0;padding:.5rem .7rem;background:#f5f6f8;border:1px solid #e1e4ea;border-radius:6px;color:#4a5261}
        ol.timeline{list-style:none;margin:0;padding:0 0 0 1.1rem;border-left:2px solid #d5dae2}
        ol.timeline li{position:relative;padding:.15rem 0 .75rem .4rem}
        ol.timeline li::before{content:"";position:absolute;left:calc(-1.5rem - 3px);top:.45rem;width:.6rem;height:.6rem;border-radius:50%;background:#fff;border:2px solid #6b7380}
        ol.timeline li:last-child::before{background:#2f6fd0;border-color:#2f6fd0}
        ol.timeline .at{font-size:.8rem;color:#6b7380;font-variant-numeric:tabular-nums}ol.timeline .what{display:block}ol.timeline .what::first-letter{text-transform:uppercase}
        ol.timeline .by{font-size:.85rem;color:#4a5261}
        .empty{background:#fff;border:1px dashed #c9cfd8;border-radius:6px;padding:1rem;text-align:center;color:#6b7380}
        @media (max-width:1000px){.layout{grid-template-columns:1fr}.amounts{grid-template-columns:repeat(2,minmax(0,1fr))}}
        </style>
        """;

    /// <summary>The status filter: the open cases, each status with its count, and every case.</summary>
    private static string StatusLinks(IReadOnlyList<CaseRecord> every, string chosen)
    {
        var html = new StringBuilder("<nav class=\"statuses\" aria-label=\"Status\">")
            .Append(StatusLink(OpenFilter, $"Open ({every.Count(c => !c.Case.IsClosed)})", chosen));
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var label = char.ToUpperInvariant(Words(status)[0]) + Words(status)[1..];
            html.Append(StatusLink(CaseView.Camel(status), $"{label} ({every.Count(c => c.Case.Status == status)})", chosen));
        }

        return html.Append(StatusLink(AllFilter, $"All ({every.Count})", chosen)).Append("</nav>").ToString();
    }

    private static string StatusLink(string value, string label, string chosen) =>
        $"<a href=\"{Path}{(value == OpenFilter ? "" : "?status=" + value)}\" data-status=\"{value}\"{(value == chosen ? " class=\"on\" aria-current=\"page\"" : "")}>{Html.E(label)}</a>";

    /// <summary>The credit manager's form handing a customer to legal by hand.</summary>
    private static string OpenForm() =>
        $"<form class=\"open-case\" method=\"post\" action=\"{Path}\" id=\"open-case\">"
        + "<span class=\"title\">Hand a customer to legal</span>"
        + "<label class=\"field\">Customer id<input type=\"text\" name=\"customerId\" required maxlength=\"256\" placeholder=\"e.g. C-10042\"></label>"
        + $"<label class=\"field reason\">Reason<input type=\"text\" name=\"reason\" required maxlength=\"{CaseText.MaxChars}\" placeholder=\"why the customer's unpaid invoices go to legal\"></label>"
        + "<button type=\"submit\" class=\"primary\">Open case</button></form>";

    /// <summary>The list: customer and case, status, opened, the amounts, route, what it waits for, last heard.</summary>
    private static string Table(IReadOnlyList<Row> rows, AuthorityMatrix authority, TimeSpan quiet, DateTimeOffset now)
    {
        var html = new StringBuilder("<table class=\"cases\" id=\"cases\"><thead><tr><th>Customer · case</th><th>Status</th><th>Opened</th>"
            + "<th class=\"num\">Claimed</th><th class=\"num\">Still owed</th><th class=\"num\">Recovered</th><th>Route</th><th>Waits for</th><th>Last heard</th></tr></thead><tbody>");
        foreach (var (c, owed) in rows)
        {
            var mark = c.IsClosed ? "" : c.Approval is not null ? " class=\"approval\"" : c.Status == CaseStatus.AwaitingLegal ? " class=\"awaiting\"" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-case=\"{Html.E(c.CaseId)}\"{mark}>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"customer\"><a href=\"{CasePath(c.CaseId)}\"><b>{Html.E(c.CustomerName)}</b><br><span class=\"mono muted case-id\">{Html.E(c.CaseId)}</span></a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{StatusBadge(c.Status)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"opened\"><span class=\"nowrap\" title=\"{Html.E(When(c.OpenedAt))} UTC\">{Html.E(Day(c.OpenedAt, now))}</span><br><span class=\"muted\">by {Html.E(OpenedBy(c))}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num claimed\">{Amount(c.Claimed)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num owed\">{Amount(owed)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num recovered\">{Amount(c.Recovered)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"route\">{Route(c)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"waits-for\">{Html.E(WaitsFor(c, authority))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"heard\" title=\"{Html.E(When(c.LastHeardAt))} UTC\">{Silence(c, quiet, now)}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The case page: head, amounts, then invoices, reports and timeline beside what it waits for and the steps.</summary>
    private static string CasePage(Detail d, AuthorityMatrix authority, IAgencyChannel agencies)
    {
        var c = d.Case;
        var file = d.Record.Progress.CaseFiles.Count > 0
            ? $"<a class=\"download\" id=\"case-file\" href=\"{CasePath(c.CaseId)}/file\" download>Download case file (ZIP)</a>"
            : "<span class=\"muted\" id=\"case-file\">Case file being assembled…</span>";
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<div class=\"case-head\" data-case=\"{Html.E(c.CaseId)}\"><div>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"crumbs\"><a href=\"{Path}\">Legal cases</a> › <span class=\"mono\">{Html.E(c.CaseId)}</span></p>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(c.CustomerName)} <span class=\"mono muted\" style=\"font-size:.9rem;font-weight:400\">{Html.E(c.CustomerId)}</span></h1>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"tags\" id=\"case-status\">{StatusBadge(c.Status)} {(c.Route is null ? "" : $"<span class=\"badge route\">{Route(c)}</span>")}</div>")
            .Append(CultureInfo.InvariantCulture, $"</div><div>{file}</div></div>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"opened\">Opened {Html.E(When(c.OpenedAt))} by <b>{Html.E(OpenedBy(c))}</b> — {Html.E(c.Reason)}</p>")
            .Append(Amounts(d))
            .Append("<div class=\"layout\"><div class=\"main\">")
            .Append(Invoices(d))
            .Append(Reports(c, d.Now))
            .Append(Timeline(c, d.Now))
            .Append("</div><aside>")
            .Append(Waiting(d, authority))
            .Append(Approval(d, authority))
            .Append(Steps(d, agencies))
            .Append("</aside></div>");
        return html.ToString();
    }

    /// <summary>Claimed, still owed, recovered, commission, written off: the figures legal and finance ask for first.</summary>
    private static string Amounts(Detail d)
    {
        var c = d.Case;
        var settlement = c.Settlement is { } s
            ? $"<span class=\"note\">settlement agreed: {Html.E(s.Pays.ToString())} more{(c.SettlementPaid ? ", paid" : "")}</span>"
            : "";
        return "<div class=\"amounts\" id=\"amounts\">"
            + Tile("claimed", "Claimed", Amount(c.Claimed), $"<span class=\"note\">{c.Invoices.Count} invoice(s) handed over</span>")
            + Tile("owed", "Still owed", Amount(d.Owed), settlement, c.IsClosed || d.Owed.Amount == 0m ? "" : " owed-tile")
            + Tile("recovered", "Recovered", Amount(c.Recovered), c.Recovered.Amount > 0m && c.Claimed.Amount > 0m ? string.Create(CultureInfo.InvariantCulture, $"<span class=\"note\">{c.Recovered.Amount / c.Claimed.Amount:0%} of the claim</span>") : "")
            + Tile("commission", "Agency commission", Amount(c.Commission), "")
            + Tile("written-off", "Written off", c.WrittenOff is { } w ? Amount(w) : "<span class=\"zero\">—</span>", c.WrittenOff is { Amount: > 0m } ? "<span class=\"note\">bad debt</span>" : "")
            + "</div>";
    }

    private static string Tile(string id, string label, string value, string note, string extra = "") =>
        $"<div class=\"tile{extra}\" id=\"amount-{id}\"><span class=\"label\">{label}</span><span class=\"value\">{value}</span>{note}</div>";

    /// <summary>The invoices: open when handed over and open now, how overdue, with the totals.</summary>
    private static string Invoices(Detail d)
    {
        var today = DateOnly.FromDateTime(d.Now.UtcDateTime);
        var html = new StringBuilder("<h2>Invoices</h2><table class=\"invoices\" id=\"invoices\"><thead><tr><th>Invoice</th><th>Due</th><th class=\"num\">Days overdue</th>"
            + "<th class=\"num\">Open when handed over</th><th class=\"num\">Open now</th></tr></thead><tbody>");
        foreach (var (invoice, open) in d.Invoices)
        {
            var days = today.DayNumber - invoice.DueDate.DayNumber;
            html.Append(CultureInfo.InvariantCulture, $"<tr data-invoice=\"{Html.E(invoice.InvoiceId)}\"><td class=\"mono\">{Html.E(invoice.InvoiceId)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{invoice.DueDate:d MMM yyyy}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(open.Amount > 0m && days > 0 ? days.ToString(CultureInfo.InvariantCulture) : "<span class=\"zero\">—</span>")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Amount(invoice.OpenWhenAdded)}</td><td class=\"num open-now\">{Amount(open)}</td></tr>");
        }

        return html.Append(CultureInfo.InvariantCulture, $"</tbody><tfoot><tr><th colspan=\"3\">Total</th><td class=\"num\">{Amount(d.Case.Claimed)}</td><td class=\"num\">{Amount(d.Owed)}</td></tr></tfoot></table>").ToString();
    }

    /// <summary>The agencies' reports as received, recoveries with their commission and whether they were booked.</summary>
    private static string Reports(LegalCase c, DateTimeOffset now)
    {
        var html = new StringBuilder("<h2>Agency reports</h2>");
        if (c.Reports.Count == 0)
        {
            return html.Append(c.Route == CaseRoute.Agency
                ? $"<p class=\"empty\" id=\"no-reports\">No report from agency {Html.E(c.Agency)} yet.</p>"
                : "<p class=\"empty\" id=\"no-reports\">No agency has reported on this case.</p>").ToString();
        }

        html.Append("<table id=\"reports\"><thead><tr><th>Received</th><th>Agency</th><th>Report</th><th class=\"num\">Amount</th><th class=\"num\">Commission</th><th>Note</th></tr></thead><tbody>");
        foreach (var r in c.Reports)
        {
            var what = r.Kind switch
            {
                AgencyReportKind.Promise when r.PromisedDate is { } day => $"promise to pay by {day:d MMM yyyy}",
                AgencyReportKind.Recovery => r.Booked ? "recovery <span class=\"muted\">· booked</span>" : "recovery <span class=\"muted\">· booking…</span>",
                _ => Html.E(LegalCase.Words(r.Kind)),
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr data-report=\"{Html.E(r.EventId)}\"><td>{Html.E(Near(r.ReceivedAt, now))}</td><td>{Html.E(r.Agency)}</td><td>{what}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(r.Amount is { } a ? Amount(a) : "")}</td><td class=\"num\">{(r.Commission is { } m ? Amount(m) : "")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(r.Note)}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>Everything that happened, oldest first (newest last), each with when and who.</summary>
    private static string Timeline(LegalCase c, DateTimeOffset now)
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<h2>Timeline <span class=\"muted\" style=\"font-weight:400\">{c.Timeline.Count} entries · UTC</span></h2><ol class=\"timeline\" id=\"timeline\">");
        foreach (var entry in c.Timeline)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"at\">{Html.E(Near(entry.At, now))}</span><span class=\"what\">{Html.E(entry.What)}</span><span class=\"by\">by {Html.E(entry.By)}</span></li>");
        }

        return html.Append("</ol>").ToString();
    }

    /// <summary>What the case waits for now, and since when it was last heard of.</summary>
    private static string Waiting(Detail d, AuthorityMatrix authority)
    {
        var c = d.Case;
        var legalTurn = !c.IsClosed && c.Approval is null && c.Status == CaseStatus.AwaitingLegal;
        return $"<section class=\"panel waiting{(legalTurn ? " legal" : "")}\" id=\"waits-for\"><h2>{(c.IsClosed ? "Outcome" : "Waits for")}</h2>"
            + $"<p class=\"waits\">{Html.E(WaitsFor(c, authority))}</p>"
            + $"<p class=\"muted\">last heard {Heard(c, d.Quiet, d.Now)}</p></section>";
    }

    /// <summary>What the case waits for, in words: legal, an approver, the agency or the court; or how it ended.</summary>
    private static string WaitsFor(LegalCase c, AuthorityMatrix authority) => c switch
    {
        { IsClosed: true } => $"closed: {Words(c.Status)}{(c.WrittenOff is { Amount: > 0m } w ? $", {w} written off" : "")}",
        { Approval: { Asked: false } a } => $"the {Kind(a.Kind)} approval to be sent",
        { Approval: { } a } => $"{Kind(a.Kind)} approval by {LegalCases.WhoDecides(a, authority)}",
        { Status: CaseStatus.AwaitingLegal } => "legal's acceptance",
        { Route: CaseRoute.Agency, Settlement: { } s } when !c.SettlementPaid => $"agency {c.Agency}: the customer to pay the agreed {s.Pays}",
        { Route: CaseRoute.Agency } => $"agency {c.Agency}",
        { Route: CaseRoute.Litigation } => "legal: the court",
        _ => "legal: the arbitration",
    };

    /// <summary>HTML: the route in words, with the agency on the agency route; a dash before legal chose.</summary>
    private static string Route(LegalCase c) => c.Route switch
    {
        null => "<span class=\"zero\">—</span>",
        CaseRoute.Agency => $"agency · <b>{Html.E(c.Agency)}</b>",
        { } route => Html.E(LegalCase.Words(route)),
    };

    /// <summary>HTML: when the case was last heard of, and how long ago (<see cref="Silence"/>).</summary>
    private static string Heard(LegalCase c, TimeSpan quiet, DateTimeOffset now) => $"{Html.E(Near(c.LastHeardAt, now))}<br>{Silence(c, quiet, now)}";

    /// <summary>HTML: "3 d ago"; "quiet for 15 d" in amber on an open case once legal would be asked to look at it.</summary>
    private static string Silence(LegalCase c, TimeSpan quiet, DateTimeOffset now)
    {
        var silent = now - c.LastHeardAt;
        return !c.IsClosed && silent >= quiet ? $"<span class=\"quiet\">quiet for {Html.E(Span(silent))}</span>" : $"<span class=\"muted\">{Html.E(Span(silent))} ago</span>";
    }

    /// <summary>The day alone, as the list shows when a case was opened: "Mon 1 Jun", with the year when it is not this year's.</summary>
    private static string Day(DateTimeOffset time, DateTimeOffset now) =>
        time.UtcDateTime.ToString(time.Year == now.Year ? "ddd d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"settlement", "write-off": the approval's kind as legal and finance write it.</summary>
    private static string Kind(CaseApprovalKind kind) => kind == CaseApprovalKind.WriteOff ? "write-off" : "settlement";

    private static string OpenedBy(LegalCase c) => c.OpenedBy == "dunning" ? "dunning (red)" : c.OpenedBy;

    private static string StatusBadge(CaseStatus status) => $"<span class=\"badge s-{CaseView.Camel(status)}\">{Html.E(Words(status))}</span>";

    /// <summary>HTML: "300,000.00 CNY", the currency small; a zero greyed, so the amounts that matter stand out.</summary>
    private static string Amount(Money money) =>
        string.Create(CultureInfo.InvariantCulture, $"<span class=\"amt{(money.Amount == 0m ? " zero" : "")}\">{money.Amount:#,0.00}</span><span class=\"ccy\">{Html.E(money.Currency.ToString())}</span>");
}
