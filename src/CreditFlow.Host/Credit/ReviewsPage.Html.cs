using System.Globalization;
using System.Text;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Reviews;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Reviews;
using CreditFlow.Storage.Reviews;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Credit;

/// <summary>The pieces of <c>/credit/reviews</c>: a proposal's card, the schedule's table and its "Review now" form.</summary>
internal static partial class ReviewsPage
{
    private const string Style = """
        <style>
        .summary{display:flex;gap:.6rem;margin:0 0 .9rem;flex-wrap:wrap}
        .pill{background:#fff;border:1px solid #dde1e7;border-radius:999px;padding:.2rem .8rem}.pill b{font-size:1.05rem}
        .pill.awaiting-pill{border-color:#9db8e6;background:#eef4fd;color:#1e4a8f}.pill.late-pill{border-color:#c62828;background:#c62828;color:#fff}
        h2.section{display:flex;align-items:baseline;gap:.6rem;font-size:1.1rem;margin:1.6rem 0 .6rem}h2.section .muted{font-size:.9rem;font-weight:400}
        .badge{display:inline-block;padding:.12rem .6rem;border-radius:999px;font-size:.72rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;vertical-align:middle;background:#e4e7ec;color:#3a4250}
        .badge.up{background:#1f7a45;color:#fff}.badge.down{background:#c62828;color:#fff}
        article.proposal{display:grid;grid-template-columns:minmax(0,1fr) 19rem;gap:1.4rem;background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:1rem 1.2rem;margin:0 0 .8rem;box-shadow:0 1px 2px rgba(20,30,50,.05)}
        .party{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;font-size:1.02rem}
        .changes{display:flex;gap:.6rem;flex-wrap:wrap;margin:.8rem 0 .2rem}
        .change{border:1px solid #e1e4ea;border-radius:6px;padding:.35rem .7rem;background:#fafbfc}
        .change .what{display:block;font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7380}
        .change .from{color:#4a5261}.arrow{color:#8a93a3;margin:0 .35rem}.change .to{font-weight:700}
        .up{color:#1f7a45}.down{color:#c62828}.delta{font-size:.85rem;margin-left:.35rem}
        ul.findings{margin:.7rem 0 0;padding-left:1.1rem;color:#343b47}ul.findings li{margin:.1rem 0}
        dl.facts{display:grid;grid-template-columns:minmax(6rem,.8fr) minmax(0,2.4fr) minmax(8rem,1fr) minmax(4rem,.5fr);gap:.4rem 1rem;margin:.9rem 0 0;padding-top:.7rem;border-top:1px solid #eceef2}
        dl.facts dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7380}dl.facts dd{margin:.15rem 0 0;overflow-wrap:anywhere}
        .approver{border-left:1px solid #eceef2;padding-left:1.3rem}
        .approver .waits{margin:0 0 .4rem;font-size:1.02rem}.approver p{margin:.25rem 0}
        .must{margin:0 0 1rem;padding:.6rem .8rem;background:#f5f6f8;border:1px solid #e1e4ea;border-radius:6px;color:#4a5261}
        .late{color:#c62828;font-weight:700}.soon{color:#8a5a00;font-weight:600}
        table.schedule{background:#fff;border-radius:6px;table-layout:fixed}table.schedule td{vertical-align:middle}.money{white-space:nowrap}
        table.schedule tr.overdue td{background:#fff7f7}table.schedule tr.overdue td:first-child{box-shadow:inset 4px 0 0 #c62828}
        table.schedule td.next,table.schedule td.now{white-space:nowrap}table.schedule td.customer{overflow-wrap:anywhere}table.schedule td.last .muted{font-size:.85rem}
        .outcome{font-weight:600}.outcome.same{color:#3a4250}.outcome.refused{color:#8a5a00}
        form.review-now{display:flex;gap:.4rem;align-items:center;margin:0}
        form.review-now label{flex:1;min-width:0}
        form.review-now input{width:100%;box-sizing:border-box;padding:.3rem .45rem;border:1px solid #8a93a3;border-radius:4px;font:inherit}
        form.review-now button{padding:.3rem .8rem;font:inherit;font-weight:600;background:#1f6f43;color:#fff;border:1px solid #185a36;border-radius:4px;white-space:nowrap}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        .empty{background:#fff;border:1px dashed #c9cfd8;border-radius:6px;padding:1rem;text-align:center;color:#6b7380}
        @media (max-width:900px){article.proposal{grid-template-columns:1fr}.approver{border-left:0;padding-left:0}dl.facts{grid-template-columns:repeat(2,minmax(0,1fr))}}
        </style>
        """;

    /// <summary>A proposal's card: before → proposed with its findings on the left, whom it waits for on the right.</summary>
    private static string Card(Proposal proposal, IReadOnlyDictionary<string, string> names, DateTimeOffset now)
    {
        var (review, p) = (proposal.Review, proposal.Review.Proposal);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<article class=\"proposal\" id=\"proposal-{Html.E(review.CustomerId)}\" data-customer=\"{Html.E(review.CustomerId)}\" data-cycle=\"{review.Cycle}\">")
            .Append("<div class=\"about\">")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"party\">{ChangeBadge(p.Change)} {Customer(review.CustomerId, names)}</div>")
            .Append("<div class=\"changes\">")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"change class\"><span class=\"what\">Class</span>{ClassChange(review.FromClass, p.Class)}</div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"change limit\"><span class=\"what\">Limit</span>{LimitChange(review.FromLimit, p.Limit)}</div>");
        if (proposal.Profile?.Status is { } before && (before != p.Status || p.Status is CreditProfileStatus.Strategic or CreditProfileStatus.Restricted))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"change status\"><span class=\"what\">Status</span>{StatusChange(before, p.Status)}</div>");
        }

        html.Append("</div><ul class=\"findings\">")
            .Append(string.Concat(p.Reasons.Select(r => $"<li>{Html.E(r)}</li>")))
            .Append("</ul><dl class=\"facts\">")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Score</dt><dd class=\"score\">{Score(review)}</dd></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Why it ran</dt><dd class=\"why\">{Html.E(review.Reason)}{(p.PolicyRevision ? "<br><span class=\"muted\">and the yearly policy revision</span>" : "")}</dd></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Reviewed</dt><dd class=\"when\">{Html.E(Near(review.ReviewedAt, now))}<br><span class=\"muted\">{Html.E(Span(now - review.ReviewedAt))} ago</span></dd></div>")
            .Append(CultureInfo.InvariantCulture, $"<div><dt>Review</dt><dd>no. {review.Cycle}</dd></div>")
            .Append("</dl></div><div class=\"approver\">")
            .Append(Approver(proposal, now))
            .Append("</div></article>");
        return html.ToString();
    }

    /// <summary>Whom the proposal waits for: the open step's role, since when, and when it moves up; or, before its approval has said, the tier its amount needs.</summary>
    private static string Approver(Proposal proposal, DateTimeOffset now)
    {
        if (proposal.Pending is not { } pending)
        {
            return "<p class=\"waits\">Waits for <b class=\"role\">the approver its amount needs</b></p><p class=\"muted\">The approval is being sent.</p>";
        }

        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p class=\"waits\">Waits for the <b class=\"role\">{Html.E(Words(pending.Role))}</b></p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">asked {Html.E(Near(pending.RequestedAt, now))} by mail to <span class=\"mono\">{Html.E(pending.ApproverEmail)}</span>, who decides through its link</p>");
        if (pending.EscalateAt is { } escalate)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>moves up a tier {Html.E(Near(escalate, now))}<br>{DueIn(escalate, now)}</p>");
        }
        else if (pending.RemindAt is { } remind)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">the top tier; reminded {Html.E(Near(remind, now))}</p>");
        }

        return html.ToString();
    }

    /// <summary>The schedule: customer, class and limit now, next review (overdue marked), the last review's outcome, and the form.</summary>
    private static string Table(string id, IReadOnlyList<Row> rows, IReadOnlyDictionary<string, string> names, bool mayAsk, DateTimeOffset now)
    {
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<table class=\"schedule\" id=\"{id}\">{(mayAsk ? WithForm : WithoutForm)}<thead><tr><th>Customer</th><th>Credit now</th><th>Next review</th><th>Last review</th>{(mayAsk ? "<th>Review now</th>" : "")}</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var customerId = row.Schedule.CustomerId;
            var overdue = row.Schedule.NextReviewAt <= now;
            html.Append(CultureInfo.InvariantCulture, $"<tr{(overdue ? " class=\"overdue\"" : "")} id=\"schedule-{Html.E(customerId)}\" data-customer=\"{Html.E(customerId)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"customer\">{Customer(customerId, names)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"now\">{(row.Profile is { } profile ? $"class {Html.E(profile.Class?.ToString() ?? "none")}<br><span class=\"muted money\">{Html.E(profile.Limit.ToString())}</span>" : "<span class=\"muted\">no profile</span>")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"next\">{Html.E(Near(row.Schedule.NextReviewAt, now))}<br>{DueIn(row.Schedule.NextReviewAt, now)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"last\">{LastReview(row.Last, now)}</td>");
            if (mayAsk)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"ask\">{Form(customerId)}</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>How the last review ended, in words, with what it changed; below, which one, when and why.</summary>
    private static string LastReview(ReviewRecord? review, DateTimeOffset now)
    {
        if (review is null)
        {
            return "<span class=\"muted\">none yet</span>";
        }

        var p = review.Proposal;
        var what = review.Outcome switch
        {
            "NoChange" => $"<span class=\"outcome same\">confirmed</span> class {Html.E(p.Class.ToString())}, <span class=\"money\">{Html.E(p.Limit.ToString())}</span>",
            "Applied" => $"<span class=\"outcome down\">decreased at once</span> {Changes(review)}",
            "Approved" => $"<span class=\"outcome up\">approved</span>{By(review)} {Changes(review)}",
            "Refused" => $"<span class=\"outcome refused\">refused</span>{By(review)} <span class=\"muted\">(proposed class {Html.E(p.Class.ToString())}, <span class=\"money\">{Html.E(p.Limit.ToString())}</span>)</span>",
            "AwaitingApproval" => $"<span class=\"outcome\">awaiting approval</span> {Changes(review)}",
            _ => Html.E(review.Outcome),
        };
        return $"{what}<br><span class=\"muted\">review {review.Cycle}, {Html.E(Near(review.ReviewedAt, now))} · {Html.E(review.Reason)}</span>";
    }

    private static string By(ReviewRecord review) => review.DecidedBy is { } by ? $" by {Html.E(by)}" : "";

    /// <summary>"B → C, 1,000,000.00 CNY → 500,000.00 CNY", each side coloured by direction; a side that did not change is left out.</summary>
    private static string Changes(ReviewRecord review)
    {
        var p = review.Proposal;
        var parts = new List<string>();
        if (review.FromClass != p.Class)
        {
            parts.Add(ClassChange(review.FromClass, p.Class));
        }

        if (review.FromLimit != p.Limit.ToString())
        {
            parts.Add(LimitChange(review.FromLimit, p.Limit, delta: false));
        }

        return string.Join(", ", parts);
    }

    // The same widths in both tables, so due and upcoming line up.
    private const string WithForm = "<colgroup><col style=\"width:22%\"><col style=\"width:12%\"><col style=\"width:13%\"><col style=\"width:31%\"><col style=\"width:22%\"></colgroup>";
    private const string WithoutForm = "<colgroup><col style=\"width:28%\"><col style=\"width:15%\"><col style=\"width:16%\"><col style=\"width:41%\"></colgroup>";

    /// <summary>The "Review now" form: a reason, and the button.</summary>
    private static string Form(string customerId) =>
        $"<form class=\"review-now\" method=\"post\" action=\"{Path}/{Html.U(customerId)}/review\">"
        + $"<input type=\"hidden\" name=\"back\" value=\"{Path}\">"
        + $"<label><span class=\"sr\">Reason</span><input name=\"reason\" required maxlength=\"{RequestReviewBody.MaxChars}\" placeholder=\"why now\" title=\"Why now, e.g. new statements received\"></label>"
        + "<button type=\"submit\">Review now</button></form>";

    private static string ChangeBadge(ReviewChange change) => change switch
    {
        ReviewChange.Increase or ReviewChange.Strategic => $"<span class=\"badge up\">{Html.E(Words(change))}</span>",
        ReviewChange.Decrease or ReviewChange.Restricted => $"<span class=\"badge down\">{Html.E(Words(change))}</span>",
        _ => $"<span class=\"badge\">{Html.E(Words(change))}</span>",
    };

    /// <summary>HTML: "B → A", the new class green when better (A is best), red when worse.</summary>
    private static string ClassChange(CreditClass? from, CreditClass to)
    {
        var direction = from is not { } f || f == to ? "" : to < f ? " up" : " down";
        return $"<span class=\"from\">{Html.E(from?.ToString() ?? "none")}</span><span class=\"arrow\">→</span><span class=\"to{direction}\">{Html.E(to.ToString())}</span>";
    }

    /// <summary>HTML: "1,000,000.00 CNY → 1,500,000.00 CNY (+500,000.00)", green up, red down.</summary>
    private static string LimitChange(string from, Money to, bool delta = true)
    {
        var before = AmountOf(from, to.Currency.ToString());
        var direction = before is not { } b || b == to.Amount ? "" : to.Amount > b ? " up" : " down";
        var difference = delta && before is { } d && d != to.Amount
            ? string.Create(CultureInfo.InvariantCulture, $"<span class=\"delta{direction}\">{(to.Amount > d ? "+" : "−")}{Math.Abs(to.Amount - d):#,0.00}</span>")
            : "";
        return $"<span class=\"from money\">{Html.E(from)}</span><span class=\"arrow\">→</span><span class=\"to{direction} money\">{Html.E(to.ToString())}</span>{difference}";
    }

    /// <summary>HTML: "active → strategic", strategic green, restricted red.</summary>
    private static string StatusChange(CreditProfileStatus from, CreditProfileStatus to)
    {
        var direction = to == CreditProfileStatus.Strategic ? " up" : to == CreditProfileStatus.Restricted ? " down" : "";
        return $"<span class=\"from\">{Html.E(Words(from))}</span><span class=\"arrow\">→</span><span class=\"to{direction}\">{Html.E(Words(to))}</span>";
    }

    private static string Score(ReviewRecord review) => review.Score is { } score
        ? string.Create(CultureInfo.InvariantCulture, $"<b>{score:0.##}</b>{(review.ModelVersion is { } model ? $"<br><span class=\"muted\">{Html.E(model)}</span>" : "")}")
        : "<span class=\"muted\">not rescored</span>";

    /// <summary>The amount of a limit as stored on a review ("1,000,000.00 CNY"), when it is in <paramref name="currency"/>.</summary>
    private static decimal? AmountOf(string money, string currency)
    {
        var space = money.LastIndexOf(' ');
        return space > 0 && money[(space + 1)..] == currency
            && decimal.TryParse(money[..space], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }
}
