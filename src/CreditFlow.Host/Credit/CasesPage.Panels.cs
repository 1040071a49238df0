using System.Globalization;
using System.Text;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Host.Cases;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.LegalHandoff;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Credit;

/// <summary>
/// The case page's side panels that act: the approval waiting (decided here by a role whose authority covers it, else
/// who decides), and the steps the signed-in role may take where the case stands.
/// </summary>
internal static partial class CasesPage
{
    /// <summary>The settlement or write-off waiting: what, how much, who decides; the decision form for a role that may.</summary>
    private static string Approval(Detail d, AuthorityMatrix authority)
    {
        if (d.Case.Approval is not { } a)
        {
            return "";
        }

        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<section class=\"panel approval\" id=\"approval\"><h2>Approval waiting <span class=\"badge kind\">{Html.E(Kind(a.Kind))}</span></h2>")
            .Append("<dl class=\"kv\">")
            .Append(CultureInfo.InvariantCulture, $"<dt>Asked by</dt><dd>{Html.E(a.RequestedBy)}<br><span class=\"muted\">{Html.E(Near(a.RequestedAt, d.Now))}</span></dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Why</dt><dd>{Html.E(a.Reason)}</dd>");
        if (a.Pays is { } pays)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Customer pays</dt><dd class=\"num\">{Amount(pays)}</dd>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<dt>Written off</dt><dd class=\"num bad\" id=\"approval-write-off\">{(a.WriteOff is { } w ? Amount(w) : "<span class=\"muted\">being worked out</span>")}</dd>");
        if (!a.Asked)
        {
            return html.Append("</dl><p class=\"must\">Being sent to the tier whose authority covers what would be written off.</p></section>").ToString();
        }

        html.Append(CultureInfo.InvariantCulture, $"<dt>Decides</dt><dd id=\"who-decides\">{Html.E(LegalCases.WhoDecides(a, authority))}</dd></dl>");
        var user = d.User;
        if (ApiKeyPolicies.DecideCasesRoles.Contains(user.Role) && LegalCases.MayDecide(user.Role, a, authority))
        {
            return html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{CasePath(d.Case.CaseId)}/decision\" id=\"decide\">")
                .Append(CultureInfo.InvariantCulture, $"<label class=\"field\">Comment <span class=\"muted\" style=\"font-weight:400\">(required to reject)</span><textarea name=\"comment\" rows=\"2\" maxlength=\"{CaseText.MaxChars}\"></textarea></label>")
                .Append("<div class=\"buttons\"><button type=\"submit\" name=\"outcome\" value=\"approve\" class=\"primary\">Approve</button>")
                .Append("<button type=\"submit\" name=\"outcome\" value=\"reject\" class=\"secondary\">Reject</button></div></form></section>")
                .ToString();
        }

        return html.Append(CultureInfo.InvariantCulture, $"<p class=\"must\" id=\"decided-by\">For {Html.E(LegalCases.WhoDecides(a, authority))} to decide; you are signed in as {Html.E(Words(user.Role))}.</p></section>").ToString();
    }

    /// <summary>The steps the signed-in role may take on the case where it stands; otherwise who takes them.</summary>
    private static string Steps(Detail d, IAgencyChannel agencies)
    {
        var (c, user) = (d.Case, d.User);
        if (c.IsClosed)
        {
            return "";
        }

        var path = CasePath(c.CaseId);
        var html = new StringBuilder("<section class=\"panel\" id=\"steps\"><h2>Steps</h2>");
        var any = false;
        if (c.Status == CaseStatus.AwaitingLegal)
        {
            if (ApiKeyPolicies.AcceptCasesRoles.Contains(user.Role))
            {
                html.Append(AcceptForm(path, agencies));
                any = true;
            }
            else
            {
                html.Append("<p class=\"must\" id=\"legal-accepts\">Legal accepts the case and chooses litigation, arbitration or an agency.</p>");
            }
        }

        if (ApiKeyPolicies.ManageCasesRoles.Contains(user.Role))
        {
            if (c.Status == CaseStatus.InProgress && c.Route == CaseRoute.Agency)
            {
                html.Append(ReasonStep(path, "recall", "Recall from the agency", $"Agency {c.Agency} is told; legal chooses the route again.", "why the case is taken back", "Recall", "secondary"));
                any = true;
            }

            if (c.Approval is null)
            {
                html.Append(ReasonStep(path, "write-off", "Propose a write-off", $"What is still owed ({d.Owed}) goes to the tier whose authority covers it.", "why it cannot be collected", "Propose write-off", "secondary"));
                any = true;
            }
        }

        if (ApiKeyPolicies.WithdrawCasesRoles.Contains(user.Role))
        {
            html.Append(ReasonStep(path, "withdrawal", "Withdraw the case", "Closes it without a write-off (opened in error, or the customer came to terms); the blacklisting stays.", "why it is withdrawn", "Withdraw", "danger"));
            any = true;
        }

        if (!any && c.Status != CaseStatus.AwaitingLegal)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"must\">A credit manager recalls the case or proposes a write-off; you are signed in as {Html.E(Words(user.Role))}.</p>");
        }

        return html.Append("</section>").ToString();
    }

    /// <summary>Legal's acceptance: the route (an agency only when one is configured), the agency, a comment.</summary>
    private static string AcceptForm(string path, IAgencyChannel agencies)
    {
        var hasAgency = agencies.Agencies.Count > 0;
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{path}/acceptance\" id=\"accept\">")
            .Append("<fieldset class=\"routes\"><legend>Route</legend>")
            .Append("<label class=\"route\"><input type=\"radio\" name=\"route\" value=\"litigation\" required>litigation <span class=\"muted\">— legal sues in court</span></label>")
            .Append("<label class=\"route\"><input type=\"radio\" name=\"route\" value=\"arbitration\">arbitration <span class=\"muted\">— where the contract provides for it</span></label>")
            .Append(CultureInfo.InvariantCulture, $"<label class=\"route\"><input type=\"radio\" name=\"route\" value=\"agency\"{(hasAgency ? "" : " disabled")}>collection agency{(hasAgency ? "" : " <span class=\"muted\">— none configured</span>")}</label></fieldset>");
        if (hasAgency)
        {
            html.Append("<label class=\"field\">Agency <span class=\"muted\" style=\"font-weight:400\">(agency route)</span><select name=\"agency\">")
                .Append(string.Concat(agencies.Agencies.Select(a => $"<option value=\"{Html.E(a)}\">{Html.E(a)}</option>"))).Append("</select></label>");
        }

        return html.Append(CultureInfo.InvariantCulture, $"<label class=\"field\">Comment<textarea name=\"comment\" rows=\"2\" maxlength=\"{CaseText.MaxChars}\" placeholder=\"optional: why this route\"></textarea></label>")
            .Append("<button type=\"submit\" class=\"primary\">Accept case</button></form>")
            .ToString();
    }

    /// <summary>A step that only needs a reason, folded so the panel stays short: recall, write-off, withdrawal.</summary>
    private static string ReasonStep(string path, string action, string title, string hint, string placeholder, string button, string style) =>
        $"<details class=\"step\" id=\"step-{action}\"><summary>{Html.E(title)}</summary><p class=\"muted\">{Html.E(hint)}</p>"
        + $"<form method=\"post\" action=\"{path}/{action}\"><label class=\"field\">Reason<textarea name=\"reason\" rows=\"2\" required maxlength=\"{CaseText.MaxChars}\" placeholder=\"{Html.E(placeholder)}\"></textarea></label>"
        + $"<button type=\"submit\" class=\"{style}\">{Html.E(button)}</button></form></details>";
}
