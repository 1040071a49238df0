using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// <c>/approvals/{token}</c>: GET shows what the link is for and never decides (mail scanners follow
/// links); POST records the approver's answer from that page. Anonymous: the signed token is the credential.
/// The pages are Razor components in <see cref="SignedLinkLayout"/>: the form (<see cref="ApprovalReviewPage"/>),
/// why a link does not open it (<see cref="ApprovalRefusalPage"/>), and the answer to a post (<see cref="ApprovalSubmittedPage"/>).
/// </summary>
internal static class ApprovalPages
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder app)
    {
        // Anonymous whatever the API's default policy: approvers have no API key, the signed token is their credential.
        var pages = app.MapGroup("/approvals").GuardedAsApprovalPages().AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/{token}", ShowAsync).WithName("ApprovalPage").WithSummary("Shows the approval an emailed link is for, with the decision form.");
        // No antiforgery token: no cookie authorises this post, the signed token in the address is the secret a forger lacks.
        pages.MapPost("/{token}", DecideAsync).WithName("ApprovalDecide").WithSummary("Records the approver's decision posted from the approval page.");
        return pages;
    }

    public static async Task<RazorComponentResult> ShowAsync(string token, ApprovalPageLogic approvals, CancellationToken cancellationToken)
    {
        var lookup = await approvals.LookupAsync(token, cancellationToken);
        return lookup is ApprovalLookup.Open open ? Review(open, token) : Refusal(lookup);
    }

    public static async Task<RazorComponentResult> DecideAsync(string token, HttpRequest request, ApprovalPageLogic approvals, CancellationToken cancellationToken)
    {
        var lookup = await approvals.LookupAsync(token, cancellationToken);
        if (lookup is not ApprovalLookup.Open open)
        {
            return Refusal(lookup);
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        if (!ApprovalForm.TryRead(form, open.Request.ProposedAmount, out var answer, out var problem))
        {
            return Review(open, token, form, problem);
        }

        var submission = await approvals.SubmitAsync(open, answer, cancellationToken);
        return new RazorComponentResult<ApprovalSubmittedPage>(new { Submission = submission }) { StatusCode = ApprovalSubmittedPage.StatusOf(submission) };
    }

    // The form; again with what was entered and 400 after a problem.
    private static RazorComponentResult<ApprovalReviewPage> Review(ApprovalLookup.Open open, string token, IFormCollection? posted = null, ApprovalForm.Problem? problem = null) =>
        new(new { Open = open, Token = token, Posted = posted, ProblemField = problem?.Field, ProblemMessage = problem?.Message })
        {
            StatusCode = problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        };

    private static RazorComponentResult<ApprovalRefusalPage> Refusal(ApprovalLookup lookup) =>
        new(new { Lookup = lookup }) { StatusCode = ApprovalRefusalPage.StatusOf(lookup) };
}
