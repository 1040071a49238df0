using System.Globalization;
using System.Text;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Warnings;
using CreditFlow.Storage.Warnings;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Credit;

/// <summary>The pieces of <c>/credit/warnings</c>: a warning's card with its answer form, and the answered table.</summary>
internal static partial class WarningsPage
{
    private const string Style = """
        <style>
        .summary{display:flex;gap:.6rem;margin:0 0 .9rem;flex-wrap:wrap}
        .pill{background:#fff;border:1px solid #dde1e7;border-radius:999px;padding:.2rem .8rem}.pill b{font-size:1.05rem}
        .pill.red{border-color:#e5a0a0;background:#fdeeee;color:#9b1c1c}.pill.orange{border-color:#f3c08f;background:#fff3e6;color:#8a3f00}
        .pill.yellow{border-color:#ecd27a;background:#fffae3;color:#6b5200}.pill.late-pill{border-color:#c62828;background:#c62828;color:#fff}
        .levels{display:flex;gap:.3rem;flex-wrap:wrap;margin:0 0 1.2rem}
        .levels a{padding:.25rem .7rem;border:1px solid #c9cfd8;border-radius:4px;background:#fff;color:#1d2330;text-decoration:none}
        .levels a.on{background:#1d2330;color:#fff;border-color:#1d2330}
        .badge{display:inline-block;padding:.12rem .6rem;border-radius:999px;font-size:.72rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;vertical-align:middle}
        .badge.red{background:#c62828;color:#fff}.badge.orange{background:#e8710a;color:#fff}.badge.yellow{background:#f5c518;color:#3d2e00}
        section.level h2{display:flex;align-items:center;gap:.6rem;font-size:1rem;margin:1.4rem 0 .6rem;color:#4a5261;font-weight:600}
        article.warning{display:grid;grid-template-columns:minmax(0,1fr) 21rem;gap:1.4rem;background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:1rem 1.2rem;margin:0 0 .8rem;box-shadow:0 1px 2px rgba(20,30,50,.05)}
        article.warning.overdue{background:#fff7f7;border-color:#eab1b1;box-shadow:inset 4px 0 0 #c62828}
        article.warning:target{outline:3px solid #3d7bd9;outline-offset:2px}
        .party{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:1.02rem}
        .rule{font-size:1.08rem;font-weight:600;margin:.55rem 0 .15rem}.rule::first-letter{text-transform:uppercase}
        .reason,.through{margin:.1rem 0;color:#4a5261}
        dl.facts{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.4rem 1rem;margin:.9rem 0 0;padding-top:.7rem;border-top:1px solid #eceef2}
        dl.facts dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7380}dl.facts dd{margin:.15rem 0 0}
        dl.facts ul{margin:0;padding:0;list-style:none}
        .respond{border-left:1px solid #eceef2;padding-left:1.3rem}
        form.answer fieldset{border:0;padding:0;margin:0 0 .6rem}form.answer legend{font-weight:600;padding:0;margin-bottom:.25rem}
        label.action{display:flex;gap:.5rem;align-items:center;padding:.2rem 0;cursor:pointer}label.action input{width:1rem;height:1rem;margin:0}
        form.answer label.comment{display:block;font-weight:600}
        form.answer textarea{display:block;width:100%;box-sizing:border-box;margin:.25rem 0 .6rem;padding:.4rem .5rem;border:1px solid #8a93a3;border-radius:4px;font:inherit;resize:vertical}
        form.answer button{padding:.4rem 1.2rem;font:inherit;font-weight:600;background:#1f6f43;color:#fff;border:1px solid #185a36;border-radius:4px}
        .must{margin:0;padding:.6rem .8rem;background:#f5f6f8;border:1px solid #e1e4ea;border-radius:6px;color:#4a5261}
        .late{color:#c62828;font-weight:700}.soon{color:#8a5a00;font-weight:600}
        h2.answered{font-size:1.1rem;margin:2rem 0 .6rem}
        table.answered{background:#fff;border-radius:6px}table.answered td{vertical-align:top}table.answered td.when,table.answered td.hours{white-space:nowrap}
        .empty{background:#fff;border:1px dashed #c9cfd8;border-radius:6px;padding:1rem;text-align:center;color:#6b7380}
        @media (max-width:900px){article.warning{grid-template-columns:1fr}.respond{border-left:0;padding-left:0}dl.facts{grid-template-columns:repeat(2,minmax(0,1fr))}}
        </style>
        """;

    /// <summary>A warning's card, anchored by its id: who, what and by when on the left, the answer form (or who must answer) on the right.</summary>
    private static string Card(WarningRecord warning, CreditUser user, IReadOnlyDictionary<string, string> names, WarningRules rules, DateTimeOffset now, string back)
    {
        var first = FirstDeadline(warning, rules);
        var overdue = now > first;
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<article class=\"warning{(overdue ? " overdue" : "")}\" id=\"{Html.E(warning.Id)}\" data-warning=\"{Html.E(warning.Id)}\" data-level=\"{Css(warning.Level)}\">")
            .Append("<div class=\"about\">")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"party\">{Badge(warning.Level)} {Customer(warning.CustomerId, names)}</div>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"rule\">{Html.E(warning.Rule)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{Html.E(Reason(warning))}</p>");
        if (warning.RaisedThrough is { } member)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"through\">raised through {Customer(member, names)} (group)</p>");
        }

        // The target missed but a reminder or escalation gave a new deadline: say so, or the red mark is unexplained.
        var missed = overdue && warning.RespondBy > now ? $"<br><span class=\"late\">{Hours(first - warning.RaisedAt)} target missed</span>" : "";
        html.Append("<dl class=\"facts\">")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Raised</dt><dd>{Html.E(Near(warning.RaisedAt, now))}<br><span class=\"muted age\">{Html.E(Span(now - warning.RaisedAt))} ago</span></dd></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Owner</dt><dd class=\"owner\">{Html.E(Words(warning.Owner))}</dd></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Answer by</dt><dd class=\"due\">{Html.E(Near(warning.RespondBy, now))}<br>{DueIn(warning.RespondBy, now)}{missed}</dd></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Chased</dt><dd class=\"chases\">{Chases(warning, now)}</dd></div>")
            .Append("</dl></div><div class=\"respond\">")
            .Append(MayAnswer(user, warning) ? Form(warning, user, back) : $"<p class=\"must\">For {Html.E(WhoMayAnswer(warning.Owner))} to answer. You are signed in as {Html.E(Words(user.Role))}.</p>")
            .Append("</div></article>");
        return html.ToString();
    }

    private static string Chases(WarningRecord warning, DateTimeOffset now) => warning.Chases.Count == 0
        ? "<span class=\"muted\">not yet</span>"
        : "<ul>" + string.Concat(warning.Chases.Select(c => c.Escalated
            ? $"<li>escalated to the {Html.E(Words(c.To))}<br><span class=\"muted\">{Html.E(Near(c.At, now))}</span></li>"
            : $"<li>reminded<br><span class=\"muted\">{Html.E(Near(c.At, now))}</span></li>")) + "</ul>";

    /// <summary>The answer form: a checkbox for each action the warning proposes, a comment, Answer.</summary>
    private static string Form(WarningRecord warning, CreditUser user, string back)
    {
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<form class=\"answer\" method=\"post\" action=\"{Path}/{Html.U(warning.Id)}/answer\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"back\" value=\"{Html.E(back)}\">")
            .Append(CultureInfo.InvariantCulture, $"<fieldset><legend>Answer as {Html.E(user.Name)}</legend>");
        foreach (var action in warning.ProposedActions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label class=\"action\" title=\"{Html.E(Hint(action))}\"><input type=\"checkbox\" name=\"actions\" value=\"{Html.E(action.ToString())}\">{Html.E(Label(action))}</label>");
        }

        return html.Append("</fieldset>")
            .Append(CultureInfo.InvariantCulture, $"<label class=\"comment\">Comment<textarea name=\"comment\" rows=\"2\" maxlength=\"{AnswerWarningBody.MaxChars}\" placeholder=\"what you found and decided\"></textarea></label>")
            .Append("<button type=\"submit\">Answer</button></form>")
            .ToString();
    }

    /// <summary>The most recently answered warnings: who answered, what, and how long it took against the target.</summary>
    private static string Answered(IReadOnlyList<WarningRecord> answered, IReadOnlyDictionary<string, string> names, WarningRules rules, DateTimeOffset now)
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<h2 class=\"answered\">Answered <span class=\"muted\">(the {AnsweredShown} most recent)</span></h2>");
        if (answered.Count == 0)
        {
            return html.Append("<p class=\"empty\" id=\"no-answered\">No warning answered yet.</p>").ToString();
        }

        html.Append("<table class=\"answered\" id=\"answered-warnings\"><thead><tr><th>Answered</th><th>Warning</th><th>Customer</th><th>By</th><th>Actions</th><th>Comment</th><th>Response</th></tr></thead><tbody>");
        foreach (var warning in answered)
        {
            var answer = warning.Answer!;
            var target = FirstDeadline(warning, rules) - warning.RaisedAt;
            var late = answer.At > warning.RaisedAt + target ? $"<br><span class=\"late\">over {Hours(target)}</span>" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-warning=\"{Html.E(warning.Id)}\"><td class=\"when\">{Html.E(Near(answer.At, now))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Badge(warning.Level)} {Html.E(warning.Rule)}</td><td>{Customer(warning.CustomerId, names)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(answer.By)}<br><span class=\"muted\">{Html.E(Words(answer.Role))}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"actions\">{Html.E(string.Join(", ", answer.Actions.Select(Label)))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"comment\">{Html.E(answer.Comment)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"hours\">{Hours(answer.At - warning.RaisedAt)}{late}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The response time in hours, as the KPI counts it: "3 h", "27.5 h".</summary>
    private static string Hours(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h");

    /// <summary>The rule as applied, with the signal in words ("paymentDaysLengthening 21 at or above 15" → "payment days lengthening 21 …").</summary>
    private static string Reason(WarningRecord warning)
    {
        var kind = warning.Signal.Kind.ToString();
        return warning.Reason.StartsWith(kind, StringComparison.OrdinalIgnoreCase) ? Words(warning.Signal.Kind) + warning.Reason[kind.Length..] : warning.Reason;
    }

    private static string Badge(WarningLevel level) => $"<span class=\"badge {Css(level)}\">{Css(level)}</span>";

    private static string Css(WarningLevel level) => level.ToString().ToLowerInvariant();

    private static string LevelLink(WarningLevel? level, string label, WarningLevel? chosen) =>
        $"<a href=\"{Path}{(level is { } l ? "?level=" + Css(l) : "")}\"{(level == chosen ? " class=\"on\" aria-current=\"page\"" : "")}>{Html.E(label)}</a>";

    /// <summary>An action in words, as the checkbox and the answered table say it.</summary>
    private static string Label(ResponseAction action) => action == ResponseAction.LossStopPlan ? "loss-stop plan" : Words(action);

    private static string Hint(ResponseAction action) => action switch
    {
        ResponseAction.Collection => "Collect what is due, together with sales.",
        ResponseAction.FreezeLimit => "No new orders on credit.",
        ResponseAction.LegalInvolvement => "Legal reviews the case and contracts.",
        ResponseAction.AssetPreservation => "Secure the customer's assets before litigation.",
        ResponseAction.LossStopPlan => "Draw up a plan to stop the losses.",
        ResponseAction.Litigation => "Sue or arbitrate.",
        ResponseAction.CreditReview => "Re-rate the customer; review its limit and terms.",
        ResponseAction.CustomerVisit => "Visit the customer to find out what is going on.",
        _ => string.Empty,
    };
}
