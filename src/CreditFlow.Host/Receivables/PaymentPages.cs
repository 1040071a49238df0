using System.Globalization;
using CreditFlow.Host.Approvals;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// <c>/pay/{token}</c>, the page the links in dunning letters open (<see cref="PaymentLinks"/>): the customer's open
/// invoices, and for the linked one three answers — paying by the due date, paying on a date, or a dispute — posted to
/// <c>/confirm</c>, <c>/promise</c> and <c>/dispute</c>, recorded through <see cref="CustomerWord"/> as the API records
/// them (<see cref="PaymentWord"/>), then 303 back to the page with a confirmation. Anonymous: the signed token is the
/// credential, and it speaks for its one invoice only. GET changes nothing (mail scanners follow links). The pages are
/// Razor components in <see cref="SignedLinkLayout"/>: the invoices and answers (<see cref="PaymentPage"/>), why a link
/// does not open them (<see cref="PaymentRefusalPage"/>), a post from another site refused (<see cref="PaymentCrossOriginRefusal"/>).
/// </summary>
/// <remarks>
/// Protected as the approval pages are, under their policy: no caching, no referrer, no framing, no script, style only
/// from /assets (<see cref="ApprovalGuard.HardenAsync"/>), cross-origin posts refused (<see cref="SameOriginFilter"/>), and
/// the links' rate limit (<see cref="PublicRateLimits"/>, by path).
/// </remarks>
internal static class PaymentPages
{
    private const string DisputedBy = "customer (payment link)";

    public static RouteGroupBuilder MapPaymentPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/pay")
            .AddEndpointFilter(ApprovalGuard.HardenAsync)
            .AddEndpointFilter(SameOriginFilter.Refusing(origin =>
                new RazorComponentResult<PaymentCrossOriginRefusal>(new { Origin = origin }) { StatusCode = StatusCodes.Status403Forbidden }))
            .AllowAnonymous()
            .ExcludeFromDescription();
        pages.MapGet("/{token}", ShowAsync).WithName("PaymentPage").WithSummary("Shows the customer's open invoices and the answers for the linked one.");
        // No antiforgery token: no cookie authorises these posts, the signed token in the address is the secret a forger lacks.
        pages.MapPost("/{token}/confirm", ConfirmAsync).WithName("PaymentPageConfirm").WithSummary("Records the customer's word that the linked invoice will be paid by its due date.");
        pages.MapPost("/{token}/promise", PromiseAsync).WithName("PaymentPagePromise").WithSummary("Records the customer's promise to pay the linked invoice on a date.");
        pages.MapPost("/{token}/dispute", DisputeAsync).WithName("PaymentPageDispute").WithSummary("Records the customer's dispute of the linked invoice.");
        return pages;
    }

    public static async Task<IResult> ShowAsync(string token, string? done, HttpContext http, PaymentPageContext context)
    {
        var (view, refusal) = await context.OpenAsync(token, http.RequestAborted);
        return view is null ? refusal! : Page(view, StatusCodes.Status200OK, answersPost: false, message: Confirmation(view, done), messageIsOk: true);
    }

    public static Task<IResult> ConfirmAsync(string token, HttpContext http, PaymentPageContext context) =>
        AnswerAsync(token, http, context, "confirmed", (view, _) =>
        {
            var byDate = view.Linked.DueDate < view.Today ? view.Today : view.Linked.DueDate;
            return (new(), PaymentWord.Promise(view.Linked.InvoiceId, view.Today, byDate, amount: null));
        });

    public static Task<IResult> PromiseAsync(string token, HttpContext http, PaymentPageContext context) =>
        AnswerAsync(token, http, context, "promised", (view, form) =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            decimal? amount = null;
            var amountText = form["amount"].ToString().Trim();
            if (amountText.Length > 0)
            {
                if (decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    amount = parsed;
                }
                else
                {
                    errors["amount"] = [$"must be a number such as 1,500.00 (was \"{Shorten(amountText)}\"); leave it empty for the whole amount."];
                }
            }

            var body = new PromiseBody(form["promisedDate"].ToString().Trim(), amount);
            foreach (var (field, problems) in PromiseBody.Validate(body, view.Today).ToDictionary())
            {
                errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. problems] : problems;
            }

            return errors.Count > 0 ? (errors, null) : (new(), PaymentWord.Promise(view.Linked.InvoiceId, view.Today, body.Date!.Value, amount));
        });

    public static Task<IResult> DisputeAsync(string token, HttpContext http, PaymentPageContext context) =>
        AnswerAsync(token, http, context, "disputed", (view, form) =>
        {
            var reason = form["reason"].ToString();
            var errors = DisputeBody.RequiredText(reason, "reason", "what is wrong with the invoice or the delivery").ToDictionary();
            return errors.Count > 0
                ? (errors, null)
                : (new(), PaymentWord.Dispute(view.Linked.InvoiceId, new RecordedDispute(view.Today, reason.Trim(), DisputedBy)));
        });

    /// <summary>
    /// Checks the link, reads the form, lets <paramref name="judge"/> find the form's errors or the change to record, records
    /// it under the invoice's ETag (the change is refused for any invoice but the link's), then answers 303 to the page.
    /// </summary>
    private static async Task<IResult> AnswerAsync(
        string token, HttpContext http, PaymentPageContext context, string done,
        Func<PaymentPageView, IFormCollection, (Dictionary<string, string[]> Errors, Func<DunningRecord, CustomerWord.Outcome>? Change)> judge)
    {
        var cancellationToken = http.RequestAborted;
        var (view, refusal) = await context.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return refusal!;
        }

        if (!http.Request.HasFormContentType)
        {
            return Page(view, StatusCodes.Status400BadRequest, message: "Please answer with one of the buttons on this page. Nothing was recorded.");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var (errors, change) = judge(view, form);
        if (change is null)
        {
            return Page(view, StatusCodes.Status400BadRequest, form, errors);
        }

        var linked = view.Linked;
        var result = await CustomerWord.RecordAsync(
            linked.InvoiceId,
            record => record.CustomerId == linked.CustomerId ? change(record) : ReceivablesApi.NoInvoice(linked.InvoiceId),
            new ReceivablesServices(context.Invoices, context.Dunning, context.Clock),
            cancellationToken);
        if (result.Result is ProblemHttpResult problem)
        {
            // Read again: the refusal is shown with the invoice as it stands now.
            var (now, _) = await context.OpenAsync(token, cancellationToken);
            return problem.ProblemDetails is HttpValidationProblemDetails invalid
                ? Page(now ?? view, StatusCodes.Status400BadRequest, form, new Dictionary<string, string[]>(invalid.Errors))
                : Page(now ?? view, problem.StatusCode, form, message: Refused(problem, now ?? view));
        }

        return Flash.SeeOther(http, $"/pay/{Html.U(token)}?done={done}");
    }

    /// <summary>
    /// The page for <paramref name="view"/>; <paramref name="answersPost"/> when it is the answer to a post (its address then
    /// ends in the answer, which the forms' relative actions follow).
    /// </summary>
    private static RazorComponentResult<PaymentPage> Page(
        PaymentPageView view, int statusCode, IFormCollection? posted = null, IReadOnlyDictionary<string, string[]>? errors = null,
        string? message = null, bool messageIsOk = false, bool answersPost = true) =>
        new(new { View = view, Posted = posted, Errors = errors, Message = message, MessageIsOk = messageIsOk, AnswersPost = answersPost })
        {
            StatusCode = statusCode,
        };

    /// <summary>The confirmation after a 303, from the invoice as it now stands; null for none.</summary>
    private static string? Confirmation(PaymentPageView view, string? done)
    {
        var invoice = view.Linked;
        var promise = invoice.Promises.LastOrDefault();
        return done switch
        {
            "confirmed" or "promised" when promise is not null =>
                $"Thank you. We have noted that you will pay {(promise.Amount is { } a ? PaymentPageWords.Amount(a) : PaymentPageWords.Amount(InvoiceFigures.Open(invoice)))} "
                + $"of invoice {invoice.InvoiceId} by {PaymentPageWords.Day(promise.PromisedDate)}. We will not remind you before then.",
            "disputed" when invoice.Disputes.LastOrDefault() is { } dispute =>
                $"Thank you. Your dispute of invoice {invoice.InvoiceId} was recorded on {PaymentPageWords.Day(dispute.OpenedOn)}. "
                + "The credit department will contact you; reminders for this invoice are paused until it is resolved.",
            _ => null,
        };
    }

    /// <summary>Why nothing was recorded, in the customer's words.</summary>
    private static string Refused(ProblemHttpResult problem, PaymentPageView view) => problem.ProblemDetails.Title switch
    {
        "Dispute already open" when view.Linked.Disputes.FirstOrDefault(d => d.ClosedOn is null) is { } open =>
            $"Your dispute of this invoice, raised on {PaymentPageWords.Day(open.OpenedOn)}, is still open, so a new one was not recorded. The credit department will contact you about it.",
        "Invoice paid" => "This invoice has nothing left to pay, so no promise was recorded. Thank you.",
        "Invoice busy" => "The invoice was being updated at the same moment, so nothing was recorded. Please press the button again.",
        _ => $"{problem.ProblemDetails.Title}. {problem.ProblemDetails.Detail} Nothing was recorded.",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
