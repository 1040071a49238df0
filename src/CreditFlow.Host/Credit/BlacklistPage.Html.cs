using System.Globalization;
using System.Text;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Blacklist;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Blacklist;

namespace CreditFlow.Host.Credit;

/// <summary>The pieces of <c>/credit/blacklist</c>: the counts, the forms, the list and the removals.</summary>
internal static partial class BlacklistPage
{
    private const string Style = """
        <style>
        .summary{display:flex;gap:.6rem;margin:0 0 1rem;flex-wrap:wrap}
        .pill{background:#fff;border:1px solid #dde1e7;border-radius:999px;padding:.2rem .8rem;color:#1d2330;text-decoration:none}.pill b{font-size:1.05rem}
        .pill.on{background:#1d2330;color:#fff;border-color:#1d2330}
        .forms{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;margin:0 0 1.2rem}
        .card{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:.9rem 1.1rem;box-shadow:0 1px 2px rgba(20,30,50,.05)}
        .card h2{font-size:1rem;margin:0 0 .6rem}
        .grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.5rem .8rem}
        .grid label,.card label{display:flex;flex-direction:column;font-weight:600;font-size:.85rem;gap:.2rem}
        .grid .wide{grid-column:1/-1}
        input[type=text],select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid #8a93a3;border-radius:4px;font-weight:400}
        .card button{margin-top:.7rem;padding:.4rem 1.1rem;font:inherit;font-weight:600;background:#1d2330;color:#fff;border:1px solid #1d2330;border-radius:4px}
        .hint{color:#6b7380;font-size:.85rem;margin:.4rem 0 0}
        .src{display:inline-block;padding:.1rem .55rem;border-radius:999px;font-size:.75rem;font-weight:700;white-space:nowrap}
        .src.internal{background:#eef1f5;color:#1d2330}.src.industryList{background:#fff3e6;color:#8a3f00}.src.legalCase{background:#fdeeee;color:#9b1c1c}
        table.list td.when{white-space:nowrap}table.list td.number{font-family:ui-monospace,monospace;white-space:nowrap}
        form.remove{display:flex;gap:.3rem}form.remove input{flex:1;min-width:8rem}
        form.remove button{padding:.25rem .7rem;font:inherit;background:#fff;color:#9b1c1c;border:1px solid #c62828;border-radius:4px}
        .empty{background:#fff;border:1px dashed #c9cfd8;border-radius:6px;padding:1rem;text-align:center;color:#6b7380}
        h2.removed{font-size:1.05rem;margin:1.8rem 0 .6rem}
        @media (max-width:900px){.forms{grid-template-columns:1fr}}
        </style>
        """;

    private static readonly BlacklistSource[] Sources = Enum.GetValues<BlacklistSource>();

    private static string Summary(IReadOnlyList<BlacklistEntry> everything, BlacklistSource? only)
    {
        var html = new StringBuilder("<nav class=\"summary\" aria-label=\"Source\">")
            .Append(CultureInfo.InvariantCulture, $"<a class=\"pill{(only is null ? " on" : "")}\" href=\"{Path}\"><b>{everything.Count}</b> on the list</a>");
        foreach (var s in Sources)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a class=\"pill{(only == s ? " on" : "")}\" id=\"count-{BlacklistEntryView.SourceName(s)}\" href=\"{Path}?source={BlacklistEntryView.SourceName(s)}\"><b>{everything.Count(e => e.Source == s)}</b> {Html.E(SourceWords(s))}</a>");
        }

        return html.Append("</nav>").ToString();
    }

    private static string Forms(CreditUser user)
    {
        if (!ApiKeyPolicies.ManageBlacklistRoles.Contains(user.Role))
        {
            return $"<p class=\"card hint\" id=\"who-adds\">Companies are put on the blacklist by {Html.E(MayAdd())}, and taken off by the credit committee. You are signed in as {Html.E(user.Role.ToString())}.</p>";
        }

        return $"""
            <div class="forms">
              <form class="card" id="add" method="post" action="{Path}/add">
                <h2>Put a company on the blacklist</h2>
                <div class="grid">
                  <label>Registration number<input type="text" name="registrationNumber" required maxlength="256"></label>
                  <label>Company name<input type="text" name="name" required maxlength="{AddToBlacklistBody.MaxNameChars}"></label>
                  <label>Customer id (if ours)<input type="text" name="customerId" maxlength="256" placeholder="found by registration number when left empty"></label>
                  <label>Source<select name="source"><option value="internal">Internal decision</option><option value="industryList">Industry list</option></select></label>
                  <label class="wide">Reason<input type="text" name="reason" required maxlength="{AddToBlacklistBody.MaxReasonChars}"></label>
                </div>
                <button type="submit">Add to blacklist</button>
                <p class="hint">A customer gets status Blacklisted (no credit), and the other companies of its group are flagged: their orders on credit are held.</p>
              </form>
              <form class="card" id="import" method="post" action="{Path}/import" enctype="multipart/form-data">
                <h2>Import an industry list</h2>
                <label>CSV file<input type="file" name="file" accept=".csv,text/csv" required></label>
                <button type="submit">Import list</button>
                <p class="hint">Header <span class="mono">registrationNumber,name,reason</span>, one company per row. Imported whole or not at all: a bad row names its row and column, and nothing is stored.</p>
              </form>
            </div>
            """;
    }

    private static string Table(IReadOnlyList<BlacklistEntry> entries, int total, CreditUser user)
    {
        if (entries.Count == 0)
        {
            return "<p class=\"empty\" id=\"no-entries\">No company is on the blacklist.</p>";
        }

        var committee = user.Role == BlacklistDesk.Remover;
        var html = new StringBuilder("<table class=\"list\" id=\"entries\"><thead><tr><th>Company</th><th>Registration no.</th><th>Source</th><th>Reason</th><th>Decided by</th><th>Added (UTC)</th>")
            .Append(committee ? "<th>Take off (committee)</th>" : "<th>Removal</th>").Append("</tr></thead><tbody>");
        foreach (var e in entries)
        {
            var customer = e.CustomerId is null ? "<span class=\"muted\">not a customer</span>" : $"<a href=\"/credit/customers/{Html.U(e.CustomerId)}/report\">{Html.E(e.CustomerId)}</a>";
            var source = $"<span class=\"src {BlacklistEntryView.SourceName(e.Source)}\">{Html.E(SourceWords(e.Source))}</span>"
                + (e.CaseId is null ? "" : $"<br><a href=\"/credit/cases/{Html.U(e.CaseId)}\" title=\"the legal case\">{Html.E(e.CaseId)}</a>");
            var remove = committee
                ? $"<form class=\"remove\" method=\"post\" action=\"{Path}/remove\"><input type=\"hidden\" name=\"registrationNumber\" value=\"{Html.E(e.RegistrationNumber)}\"><input type=\"text\" name=\"reason\" required placeholder=\"committee's reason\" aria-label=\"Reason to take {Html.E(e.Name)} off\"><button type=\"submit\">Take off</button></form>"
                : "<span class=\"muted\">the credit committee</span>";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-number=\"{Html.E(e.RegistrationNumber)}\"><td><b>{Html.E(e.Name)}</b><br>{customer}</td><td class=\"number\">{Html.E(e.RegistrationNumber)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{source}</td><td>{Html.E(e.Reason)}</td><td>{Html.E(e.DecidedBy)}</td><td class=\"when\">{Html.E(When(e.AddedAt))}</td><td>{remove}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (total > entries.Count)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">The newest {entries.Count} of {total}; GET /api/blacklist pages through them all.</p>");
        }

        return html.ToString();
    }

    private static string Removed(IReadOnlyList<BlacklistEntry> removed)
    {
        if (removed.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h2 class=\"removed\">Recently taken off</h2><table class=\"list\" id=\"removed\"><thead><tr><th>Company</th><th>Registration no.</th><th>Source</th><th>Was on since</th><th>Taken off by</th><th>When (UTC)</th><th>Why</th></tr></thead><tbody>");
        foreach (var e in removed)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.E(e.Name)}</td><td class=\"number\">{Html.E(e.RegistrationNumber)}</td><td>{Html.E(SourceWords(e.Source))}</td><td class=\"when\">{Html.E(When(e.AddedAt))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(e.Removal!.DecidedBy)}</td><td class=\"when\">{Html.E(When(e.Removal.At))}</td><td>{Html.E(e.Removal.Reason)}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string MayAdd() => "the " + string.Join(", ", ApiKeyPolicies.ManageBlacklistRoles.SkipLast(1).Select(Role)) + " or " + Role(ApiKeyPolicies.ManageBlacklistRoles[^1]);

    private static string Role(CreditRole role) => role switch
    {
        CreditRole.CreditManager => "credit manager",
        CreditRole.CreditCommittee => "credit committee",
        CreditRole.Legal => "legal department",
        _ => role.ToString(),
    };

    private static string SourceWords(BlacklistSource source) => source switch
    {
        BlacklistSource.IndustryList => "industry list",
        BlacklistSource.LegalCase => "legal case",
        _ => "internal",
    };

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
