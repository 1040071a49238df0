using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// The frame (in <see cref="PageLayout"/>) and wording of the approver's pages. Not the admin frame:
/// approvers are not admins and see no admin navigation. Values are encoded with <see cref="Html.E"/>.
/// </summary>
internal static class ApprovalHtml
{
    private const string Style = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
        header{background:#1d2330;color:#fff;padding:.6rem 1.2rem}
        main{padding:1rem 1.2rem;max-width:52rem}
        h1{font-size:1.35rem;margin:.3rem 0 .4rem}h2{font-size:1.05rem;margin:1.4rem 0 .4rem}
        table{border-collapse:collapse;background:#fff;width:100%}
        th,td{border:1px solid #d5dae1;padding:.3rem .55rem;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600;width:40%}
        fieldset{border:1px solid #d5dae1;background:#fff;margin:0 0 1rem;padding:.6rem 1rem}
        legend{font-weight:600}label{display:block;margin:.35rem 0}
        textarea,input[type=number]{font:inherit;padding:.3rem;border:1px solid #8a93a3;border-radius:3px}
        textarea{width:100%;box-sizing:border-box}
        button{font:inherit;padding:.45rem 1.2rem;cursor:pointer}
        :focus-visible{outline:3px solid #2f6fde;outline-offset:2px}
        .notice{padding:.7rem 1rem;border-radius:4px;margin:0 0 1rem;background:#fff;border:1px solid #d5dae1}
        .error{background:#fde8e8;border-color:#d66}.ok{background:#e3f6e8;border-color:#6b6}
        .indent{margin-left:1.6rem}.muted{color:#5d6573}.mono{font-family:ui-monospace,monospace}
        """;

    /// <summary>The approver's frame: no navigation, no script, kept out of search engines (pages reached by personal links).</summary>
    public static PageFrame Frame { get; } = new("CreditFlow approvals", Style, "<b>CreditFlow</b> · approvals", Script: null, NoIndex: true);

    /// <summary>A complete page; no script, nothing loaded from elsewhere.</summary>
    public static ContentHttpResult Page(string title, string body, int statusCode) => PageLayout.Page(Frame, title, body, statusCode: statusCode);

    /// <summary>A page that only tells something: a heading and paragraphs of already-encoded HTML.</summary>
    public static ContentHttpResult Notice(int statusCode, string title, params string[] paragraphsHtml) =>
        Page(title, $"<div class=\"notice {(statusCode < 400 ? "ok" : "error")}\" role=\"{(statusCode < 400 ? "status" : "alert")}\"><h1>{Html.E(title)}</h1>"
            + string.Concat(paragraphsHtml.Select(p => $"<p>{p}</p>")) + "</div>", statusCode);

    /// <summary>An amount as approvers read it, e.g. "50,000.00 EUR": as everywhere else (<see cref="Money.ToString"/>).</summary>
    public static string Amount(Money money) => money.ToString();

    /// <summary>A time as approvers read it, to the minute, in UTC.</summary>
    public static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"CreditOfficer" → "credit officer"; unknown names as they are.</summary>
    public static string Role(string role) =>
        string.Concat(role.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <inheritdoc cref="Role(string)"/>
    public static string Role(CreditRole role) => Role(role.ToString());

    /// <summary>An outcome in words, with the amount for a lower approval.</summary>
    public static string Outcome(ApprovalOutcome outcome, Money? amount) => outcome switch
    {
        ApprovalOutcome.Approved => "Approved",
        ApprovalOutcome.Rejected => "Rejected",
        ApprovalOutcome.ApprovedLower when amount is { } lower => $"Approved a lower amount, {Amount(lower)}",
        _ => outcome.ToString(),
    };
}
