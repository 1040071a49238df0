using CreditFlow.Host.Admin;
using CreditFlow.Host.Pages;
using CreditFlow.Storage.Approvals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// Every approval page that is not the form: why a link does not open it (a 4xx page that says
/// what happened and changes nothing), and the confirmation of a recorded decision.
/// </summary>
internal static class ApprovalNoticePages
{
    /// <summary>The page for a lookup that is not <see cref="ApprovalLookup.Open"/>.</summary>
    public static ContentHttpResult Refusal(ApprovalLookup lookup) => lookup switch
    {
        ApprovalLookup.Malformed => ApprovalHtml.Notice(
            StatusCodes.Status400BadRequest, "This is not a valid approval link",
            "The link is incomplete or damaged. Open it from the mail again; if the mail split it over two lines, copy all of it."),
        ApprovalLookup.Tampered => ApprovalHtml.Notice(
            StatusCodes.Status403Forbidden, "This approval link is not genuine",
            "It was changed after it was sent, or was not issued by this CreditFlow. Use the link in the original mail."),
        ApprovalLookup.Expired expired => ApprovalHtml.Notice(
            StatusCodes.Status410Gone, "This approval link has expired",
            $"It worked until {Html.E(ApprovalHtml.When(expired.Claims.ExpiresAt))}. Nothing was changed; ask the credit department for a new link if a decision is still needed."),
        ApprovalLookup.InstanceNotFound => ApprovalHtml.Notice(
            StatusCodes.Status404NotFound, "This approval no longer exists",
            "The request this link was sent for is not on file any more. Nothing was changed."),
        ApprovalLookup.NoLongerWaiting gone => ApprovalHtml.Notice(
            StatusCodes.Status409Conflict, "No longer waiting for this decision", WhyNotWaiting(gone), "Nothing was changed."),
        ApprovalLookup.IssuedToSomeoneElse foreign => ApprovalHtml.Notice(
            StatusCodes.Status403Forbidden, "This link was issued to someone else",
            $"It was sent to {Html.E(foreign.Claims.ApproverEmail)}, and this step now waits for another approver. Only the link in that approver's own mail works. Nothing was changed."),
        ApprovalLookup.AlreadyUsed used => AlreadyUsed(used.Decision),
        _ => throw new ArgumentException($"{lookup.GetType().Name} has no refusal page.", nameof(lookup)),
    };

    /// <summary>The page for a submission: the confirmation, or why nothing was recorded.</summary>
    public static ContentHttpResult Submitted(ApprovalSubmission submission) => submission switch
    {
        ApprovalSubmission.Recorded { Decision: var d } => ApprovalHtml.Notice(
            StatusCodes.Status200OK, $"Recorded: {ApprovalHtml.Outcome(d.Outcome, d.ApprovedAmount)}",
            $"Your decision on step <span class=\"mono\">{Html.E(d.Step)}</span> was recorded at {Html.E(ApprovalHtml.When(d.DecidedAt))} as {Html.E(d.DecidedBy)}, {Html.E(ApprovalHtml.Role(d.DecidedByRole))}.",
            d.Comment.Length > 0 ? $"Comment: {Html.E(d.Comment)}" : "No comment.",
            "You can close this page; the link no longer works."),
        ApprovalSubmission.AlreadyUsed => AlreadyUsed(null),
        ApprovalSubmission.AlreadyDecided => ApprovalHtml.Notice(
            StatusCodes.Status409Conflict, "Already decided",
            "Another answer to this step was recorded first, through another link. Yours was not recorded."),
        _ => throw new ArgumentException($"{submission.GetType().Name} has no page.", nameof(submission)),
    };

    private static ContentHttpResult AlreadyUsed(ApprovalRecord? decision) => ApprovalHtml.Notice(
        StatusCodes.Status409Conflict, "This link was already used",
        decision is null ? "Each approval link works once. Nothing was changed." : $"{Decided(decision)} Each approval link works once; nothing was changed.");

    private static string WhyNotWaiting(ApprovalLookup.NoLongerWaiting gone) =>
        gone.Decision is { } decision ? Decided(decision)
        : gone.NowWaitingFor is { } now ? $"It has moved on: it now waits for the {Html.E(ApprovalHtml.Role(now.Role))} (step <span class=\"mono\">{Html.E(now.Step)}</span>)."
        : "The approval has ended, or is not waiting for this step.";

    private static string Decided(ApprovalRecord decision) =>
        $"This step was decided: {Html.E(ApprovalHtml.Outcome(decision.Outcome, decision.ApprovedAmount))}, by {Html.E(decision.DecidedBy)} at {Html.E(ApprovalHtml.When(decision.DecidedAt))}.";
}
