using System.Text;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using static CreditFlow.Host.Approvals.ApprovalForm;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// The page an approval link opens while its step is open: what is asked, every fact the request
/// carries, and the form. After a form problem it shows again with the problem and what was entered.
/// </summary>
internal static class ApprovalReviewPage
{
    public static ContentHttpResult Render(ApprovalLookup.Open open, IFormCollection? posted = null, Problem? problem = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        var (claims, request, pending) = (open.Claims, open.Request, open.Pending);
        var body = new StringBuilder();
        if (problem is not null)
        {
            body.Append($"<div class=\"notice error\" role=\"alert\" id=\"problem\"><b>Please correct the {Html.E(FieldName(problem.Field))}:</b> {Html.E(problem.Message)}</div>");
        }

        body.Append($"<h1>{Html.E(request.Title)}</h1>")
            .Append($"<p class=\"muted\">{Html.E(request.SubjectKind)} <span class=\"mono\">{Html.E(request.SubjectId)}</span> · step <span class=\"mono\">{Html.E(claims.Step)}</span></p>")
            .Append("<table><tbody>")
            .Append(request.HasCustomer ? Row("Customer", $"{Html.E(request.CustomerName)} <span class=\"muted mono\">{Html.E(request.CustomerId)}</span>") : "")
            .Append(request.HasAmount ? Row("Proposed amount", $"<b>{Html.E(ApprovalHtml.Amount(request.ProposedAmount))}</b>{(request.AmountNote is { Length: > 0 } note ? $" — {Html.E(note)}" : "")}") : "")
            .Append(Row("Approver", $"{Html.E(claims.ApproverEmail)}, {Html.E(ApprovalHtml.Role(pending.Role))}"))
            .Append(Row("Requested", Html.E(ApprovalHtml.When(pending.RequestedAt))))
            .Append(Row("This link works until", Html.E(ApprovalHtml.When(claims.ExpiresAt))))
            .Append("</tbody></table>");

        foreach (var section in request.Sections ?? [])
        {
            body.Append($"<section><h2>{Html.E(section.Title)}</h2><table><tbody>");
            foreach (var fact in section.Facts ?? [])
            {
                body.Append(Row(Html.E(fact.Label), Html.E(fact.Value)));
            }

            body.Append("</tbody></table></section>");
        }

        body.Append(Form(request.HasAmount ? request.ProposedAmount : null, posted, problem));
        return ApprovalHtml.Page(request.Title, body.ToString(), problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    // No action attribute: the form posts back to the link it came from, also behind a path prefix.
    // Without a proposed amount (a policy version) the choice is approve or reject only.
    private static string Form(Money? proposed, IFormCollection? posted, Problem? problem)
    {
        var decision = posted?[DecisionField].ToString();
        string Invalid(string field) => problem?.Field == field ? " aria-invalid=\"true\" aria-describedby=\"problem\"" : "";
        string Checked(string value) => decision == value ? " checked" : "";
        var lower = proposed is { } amount
            ? $"""
                <label><input type="radio" name="{DecisionField}" value="{ApproveLower}"{Checked(ApproveLower)}> Approve a lower amount:</label>
                <label class="indent">Lower amount in {Html.E(amount.Currency.ToString())}
                  <input type="number" name="{AmountField}" min="0.01" step="0.01" inputmode="decimal" value="{Html.E(posted?[AmountField].ToString())}"{Invalid(AmountField)}></label>
              """
            : string.Empty;
        return $"""
            <h2>Your decision</h2>
            <form method="post" autocomplete="off">
              <fieldset{Invalid(DecisionField)}>
                <legend>Decision</legend>
                <label><input type="radio" name="{DecisionField}" value="{Approve}" required{Checked(Approve)}> Approve{(proposed is { } shown ? " " + Html.E(ApprovalHtml.Amount(shown)) : "")}</label>
                <label><input type="radio" name="{DecisionField}" value="{Reject}"{Checked(Reject)}> Reject</label>
                {lower}
              </fieldset>
              <label for="comment">Comment <span class="muted">(required to reject{(proposed is null ? "" : " or to approve a lower amount")})</span></label>
              <textarea id="comment" name="{CommentField}" rows="4" maxlength="{MaxCommentLength}"{Invalid(CommentField)}>{Html.E(posted?[CommentField].ToString())}</textarea>
              <p><button type="submit">Submit decision</button></p>
              <p class="muted">Your decision is final once submitted; this link then stops working.</p>
            </form>
            """;
    }

    private static string Row(string labelHtml, string valueHtml) => $"<tr><th scope=\"row\">{labelHtml}</th><td>{valueHtml}</td></tr>";

    private static string FieldName(string field) => field switch
    {
        AmountField => "lower amount",
        _ => field,
    };
}
