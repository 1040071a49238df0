using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// <c>/approvals/{token}</c>: GET shows what the link is for and never decides (mail scanners follow
/// links); POST records the approver's answer from that page. Anonymous: the signed token is the credential.
/// </summary>
internal static class ApprovalPages
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder app)
    {
        // Anonymous whatever the API's default policy: approvers have no API key, the signed token is their credential.
        var pages = app.MapGroup("/approvals").GuardedAsApprovalPages().AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/{token}", ShowAsync).WithName("ApprovalPage").WithSummary("Shows the approval an emailed link is for, with the decision form.");
        pages.MapPost("/{token}", DecideAsync).WithName("ApprovalDecide").WithSummary("Records the approver's decision posted from the approval page.");
        return pages;
    }

    public static async Task<ContentHttpResult> ShowAsync(string token, ApprovalPageLogic approvals, CancellationToken cancellationToken)
    {
        var lookup = await approvals.LookupAsync(token, cancellationToken);
        return lookup is ApprovalLookup.Open open ? ApprovalReviewPage.Render(open) : ApprovalNoticePages.Refusal(lookup);
    }

    public static async Task<ContentHttpResult> DecideAsync(string token, HttpRequest request, ApprovalPageLogic approvals, CancellationToken cancellationToken)
    {
        var lookup = await approvals.LookupAsync(token, cancellationToken);
        if (lookup is not ApprovalLookup.Open open)
        {
            return ApprovalNoticePages.Refusal(lookup);
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        return ApprovalForm.TryRead(form, open.Request.ProposedAmount, out var answer, out var problem)
            ? ApprovalNoticePages.Submitted(await approvals.SubmitAsync(open, answer, cancellationToken))
            : ApprovalReviewPage.Render(open, form, problem);
    }
}
