using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using System.Globalization;
using System.Text;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Scoring;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Applications;

/// <summary>The body of the application page (<see cref="ApplicationPage"/>); every value encoded with <see cref="Html.E"/>.</summary>
internal sealed class ApplicationPageHtml(ApplicationView view, ScorecardModel model, CreditUser user, IFormCollection? posted)
{
    public const string FigureField = "figure.";
    public const string ReasonField = "belowStandardReason";
    public const string ReconsiderationField = "reason";

    private const string Style = """
        <style>
        .stage{background:#fff;border:1px solid #dde1e7;border-left:4px solid #2f6fde;border-radius:4px;padding:.6rem .9rem;margin:0 0 1.2rem}
        .stage.s-WaitingForData,.stage.s-Rejected{border-left-color:#d98a00}.stage.s-Granted,.stage.s-Trial{border-left-color:#2e9e5b}.stage.s-Abandoned{border-left-color:#8a93a3}
        h2{font-size:1.05rem;margin:1.5rem 0 .5rem}table.facts th{width:14rem}
        .needed{margin:.2rem 0 .8rem;padding-left:1.2rem}.needed li{margin:.2rem 0}
        form.answer{background:#fff;border:1px solid #dde1e7;border-radius:4px;padding:.8rem 1rem;max-width:52rem}
        form.answer table{margin:.3rem 0 .8rem}form.answer td input{width:9rem}form.answer label.block{display:block;margin:.6rem 0 .2rem;font-weight:600}
        form.answer textarea{width:100%;box-sizing:border-box;font:inherit}form.answer details{margin:.4rem 0 .8rem}
        .tag{display:inline-block;padding:0 .35rem;border-radius:3px;background:#fff2cc;color:#6b5200;font-size:.8em;font-weight:600}
        button.primary{background:#1f4fb0;color:#fff;border:0;border-radius:4px;padding:.45rem 1.1rem;font:inherit}
        </style>
        """;

    /// <summary>True while onboarding takes data (it asked for some, or the trial runs).</summary>
    public bool TakesData { get; init; }

    /// <summary>True while a refusal may be reconsidered.</summary>
    public bool MayBeReconsidered { get; init; }

    /// <summary>The credit report page of the customer, when there is a report.</summary>
    public string? ReportPath { get; init; }

    public static string OneOf(IReadOnlyList<CreditRole> roles) =>
        roles.Count == 1 ? roles[0].ToString() : string.Join(", ", roles.SkipLast(1)) + " or " + roles[^1];

    public string Render()
    {
        var html = new StringBuilder(Style)
            .Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(view.Customer.Name)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Credit application <span class=\"mono\">{Html.E(view.Id)}</span> · filed by {Html.E(view.FiledBy)} on {Html.E(Day(view.FiledAt))}</p>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"stage s-{Html.E(view.Status)}\" id=\"stage\"><b>{Html.E(Words(view.Status))}</b>{(view.Detail is { Length: > 0 } d ? " — " + Html.E(d) : "")}</div>");
        Facts(html);
        Needed(html);
        DataForm(html);
        ReconsiderationForm(html);
        Approvals(html);
        return html.ToString();
    }

    private void Facts(StringBuilder html)
    {
        var c = view.Customer;
        html.Append("<table class=\"facts\"><tbody>")
            .Append(Row("Requested", $"{Html.E(view.RequestedLimit.ToString())} for {view.RequestedTermDays} days"))
            .Append(Row("Expected annual purchases", Html.E(view.ExpectedAnnualPurchases?.ToString() ?? "not given")))
            .Append(Row("Customer", $"{Html.E(c.Name)} <span class=\"muted mono\">{Html.E(c.RegistrationNumber)}</span>"
                + (c.ActualController is { } controller ? $"<br>controlled by {Html.E(controller)}" : "")
                + (c.Industry is { } industry ? $" · {Html.E(industry)}" : "")))
            .Append(Row("Sales rep", Html.E(view.SalesRepEmail ?? "unknown")))
            .Append(Row("Credit report", ReportPath is null ? "<span class=\"muted\">none yet: written when the application is scored</span>" : $"<a href=\"{Html.E(ReportPath)}\" id=\"report-link\">Open the credit report</a>"));
        if (view.TrialEndsAt is { } trialEnds)
        {
            html.Append(Row("Trial ends", Html.E(Day(trialEnds))));
        }

        html.Append("</tbody></table>");
    }

    private void Needed(StringBuilder html)
    {
        if (view.MissingData is not { Count: > 0 } missing)
        {
            return;
        }

        html.Append("<h2>What is needed</h2><ul class=\"needed\" id=\"needed\">")
            .AppendJoin(string.Empty, missing.Select(m => $"<li>{Html.E(m)}</li>"))
            .Append("</ul>");
    }

    private void DataForm(StringBuilder html)
    {
        if (!TakesData)
        {
            return;
        }

        if (!ApiKeyPolicies.WorkOnApplicationsRoles.Contains(user.Role))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"flash error\">Your role {Html.E(user.Role.ToString())} may read this application; sending data needs {Html.E(OneOf(ApiKeyPolicies.WorkOnApplicationsRoles))}.</p>");
            return;
        }

        var needed = NeededInputs();
        var reasonNeeded = view.MissingData?.Any(m => m.StartsWith(ReasonField + ":", StringComparison.Ordinal)) == true;
        var others = model.Inputs.Where(i => !needed.Contains(i)).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>{(view.Status == "Trial" ? "Figures from the trial" : "Send what is needed")}</h2>")
            .Append(CultureInfo.InvariantCulture, $"<form class=\"answer\" id=\"data-form\" method=\"post\" action=\"{Html.E(ApplicationPage.PathOf(view.Id))}/data\">");
        if (needed.Count > 0)
        {
            html.Append(FigureTable(needed, "needed"));
        }

        if (others.Count > 0)
        {
            html.Append(needed.Count > 0 ? "<details><summary>Other figures (optional)</summary>" : "<details open><summary>Figures (each optional)</summary>")
                .Append(FigureTable(others, null)).Append("</details>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<label class=\"block\" for=\"reason\">Written reason for a customer below the sales or credit standard {(reasonNeeded ? "<span class=\"tag\">needed</span>" : "<span class=\"muted\">(optional)</span>")}</label>")
            .Append(CultureInfo.InvariantCulture, $"<textarea id=\"reason\" name=\"{ReasonField}\" rows=\"3\" maxlength=\"{ApplicationValidator.MaxReasonChars}\">{Html.E(posted?[ReasonField].ToString())}</textarea>")
            .Append(CultureInfo.InvariantCulture, $"<p><button type=\"submit\" class=\"primary\">Send to onboarding</button> <span class=\"muted\">as {Html.E(user.Name)}</span></p></form>");
    }

    private void ReconsiderationForm(StringBuilder html)
    {
        if (!MayBeReconsidered || view.ReconsiderationUntil is not { } until)
        {
            return;
        }

        html.Append("<h2>Ask for reconsideration</h2>");
        if (!ApiKeyPolicies.RequestReconsiderationRoles.Contains(user.Role))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"flash error\">Asking for reconsideration needs {Html.E(OneOf(ApiKeyPolicies.RequestReconsiderationRoles))}; your role is {Html.E(user.Role.ToString())}.</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<form class=\"answer\" id=\"reconsideration-form\" method=\"post\" action=\"{Html.E(ApplicationPage.PathOf(view.Id))}/reconsideration\">")
            .Append(CultureInfo.InvariantCulture, $"<p>The next tier up hears the application again if you ask by {Html.E(Day(until))}.</p>")
            .Append("<label class=\"block\" for=\"reconsideration\">Why it should be heard again</label>")
            .Append(CultureInfo.InvariantCulture, $"<textarea id=\"reconsideration\" name=\"{ReconsiderationField}\" rows=\"4\" required maxlength=\"{ApplicationValidator.MaxReasonChars}\">{Html.E(posted?[ReconsiderationField].ToString())}</textarea>")
            .Append("<p><button type=\"submit\" class=\"primary\">Ask for reconsideration</button></p></form>");
    }

    private void Approvals(StringBuilder html)
    {
        if (view.Approvals.Count == 0)
        {
            return;
        }

        html.Append("<h2>Approvals</h2><table><thead><tr><th>step</th><th>decision</th><th>by</th><th>when</th><th>comment</th></tr></thead><tbody>");
        foreach (var a in view.Approvals)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{Html.E(a.Step)}</td><td>{Html.E(Words(a.Outcome))}{(a.ApprovedAmount is { } amount ? " " + Html.E(amount.ToString()) : "")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(a.DecidedBy)} ({Html.E(a.ApproverRole)})</td><td>{Html.E(Day(a.DecidedAt))}</td><td>{Html.E(a.Comment)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    /// <summary>The scorecard inputs the application waits for, in the order asked (each missing entry starts with the input's name).</summary>
    private List<ScorecardInput> NeededInputs() =>
        (view.MissingData ?? []).Select(m => model.Inputs.FirstOrDefault(i => m.StartsWith(i.Name + ":", StringComparison.Ordinal))).OfType<ScorecardInput>().Distinct().ToList();

    private string FigureTable(IEnumerable<ScorecardInput> inputs, string? tag)
    {
        var rows = new StringBuilder("<table><thead><tr><th>figure</th><th>what it is</th><th>now</th><th>new value</th></tr></thead><tbody>");
        foreach (var input in inputs)
        {
            var id = "figure-" + input.Name;
            var now = view.FinancialFigures.TryGetValue(input.Name, out var value) ? value.ToString(CultureInfo.InvariantCulture) : "—";
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td><label for=\"{Html.E(id)}\" class=\"mono\">{Html.E(input.Name)}</label>{(tag is null ? "" : $" <span class=\"tag\">{Html.E(tag)}</span>")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(input.Description)} <span class=\"muted\">({Html.E(input.Unit)})</span></td><td>{Html.E(now)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><input id=\"{Html.E(id)}\" name=\"{FigureField}{Html.E(input.Name)}\" inputmode=\"decimal\" value=\"{Html.E(posted?[FigureField + input.Name].ToString())}\"></td></tr>");
        }

        return rows.Append("</tbody></table>").ToString();
    }

    private static string Row(string label, string valueHtml) => $"<tr><th scope=\"row\">{Html.E(label)}</th><td>{valueHtml}</td></tr>";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"WaitingForData" → "Waiting for data".</summary>
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
