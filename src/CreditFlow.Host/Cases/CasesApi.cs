using System.Security.Claims;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Workflows.LegalHandoff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Cases;

/// <summary>
/// Legal cases as an API: any key lists them and reads one with its timeline and case file; a credit manager (or legal,
/// or the committee) opens one by hand, recalls it from its agency, proposes a write-off; legal accepts a case and
/// chooses its route; the tier whose authority covers a write-off decides it; a credit manager withdraws a case.
/// </summary>
internal static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Legal cases");
        cases.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListCases")
            .WithSummary("Legal cases, newest opened first (at most 500); filters: status, customerId.")
            .WithDescription("status is awaitingLegal, inProgress, recovered, settled, writtenOff or withdrawn. A bad value is a 400 naming the parameter.")
            .ProducesValidationProblem();
        cases.MapGet("/{caseId}", GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetCase")
            .WithSummary("One case: amounts (claimed, still owed, recovered, commission, written off), invoices, the approval it waits for, the agency's reports and the timeline of everything that happened.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{caseId}/file", FileAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetCaseFile")
            .WithSummary("The case file: a ZIP of the customer's contracts and documents with an HTML summary of the invoices, every reminder sent, payments, promises, disputes, collection plans and decisions.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("", OpenAsync)
            .RequireAuthorization(ApiKeyPolicies.ManageCases)
            .WithName("OpenCase")
            .WithSummary("Hands a customer's unpaid invoices to legal as a case (one open case per customer: 409 when it has one).")
            .WithDescription("Body: {\"customerId\", \"reason\"}. Every open invoice of the customer goes into the case (contract acceleration). "
                + "The customer is blacklisted and its group flagged for review; legal gets a task and a mail to accept. 404 for an unknown customer, 409 when nothing is owed.")
            .Accepts<OpenCaseBody>("application/json")
            .Produces<CaseView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{caseId}/acceptance", AcceptAsync)
            .RequireAuthorization(ApiKeyPolicies.AcceptCases)
            .WithName("AcceptCase")
            .WithSummary("Legal accepts the case and chooses litigation, arbitration or an agency (by its configured name); an agency is sent the case at once.")
            .Accepts<AcceptCaseBody>("application/json")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{caseId}/recall", RecallAsync)
            .RequireAuthorization(ApiKeyPolicies.ManageCases)
            .WithName("RecallCase")
            .WithSummary("Takes the case back from its agency (the agency is told); legal chooses the route again.")
            .Accepts<CaseReasonBody>("application/json")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{caseId}/write-off", WriteOffAsync)
            .RequireAuthorization(ApiKeyPolicies.ManageCases)
            .WithName("ProposeCaseWriteOff")
            .WithSummary("Proposes to write off what is still owed; the tier whose authority covers the amount is asked by mail (or decides here).")
            .Accepts<CaseReasonBody>("application/json")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{caseId}/decision", DecideAsync)
            .RequireAuthorization(ApiKeyPolicies.DecideCases)
            .WithName("DecideCase")
            .WithSummary("Approves or rejects the settlement or write-off the case waits for; 403 for a role whose authority does not cover the amount written off.")
            .WithDescription("Body: {\"outcome\": \"approve\"|\"reject\", \"comment\"}. The decider is the API key's name and role. Answered 202: the case's workflow books it.")
            .Accepts<CaseDecisionBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{caseId}/withdrawal", WithdrawAsync)
            .RequireAuthorization(ApiKeyPolicies.WithdrawCases)
            .WithName("WithdrawCase")
            .WithSummary("Withdraws the case: it closes without a write-off (the blacklisting stays until the committee lifts it).")
            .Accepts<CaseReasonBody>("application/json")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return cases;
    }

    internal static async Task<Results<Ok<CaseView[]>, ProblemHttpResult>> ListAsync(
        CaseStore cases, CaseDebts debts, string? status, string? customerId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CaseStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                only = parsed;
            }
            else
            {
                errors["status"] = ["must be one of awaitingLegal, inProgress, recovered, settled, writtenOff, withdrawn."];
            }
        }

        if (!string.IsNullOrEmpty(customerId) && !ResourceIds.IsPlausible(customerId))
        {
            errors["customerId"] = ["must be a customer id: 1-256 characters without '/', '\\', '#', '?' or control characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var found = await cases.ListAsync(only, string.IsNullOrEmpty(customerId) ? null : customerId, cancellationToken);
        var views = new List<CaseView>();
        foreach (var record in found)
        {
            views.Add(await ViewAsync(record, debts, cancellationToken));
        }

        return TypedResults.Ok(views.ToArray());
    }

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(string caseId, CaseStore cases, CaseDebts debts, CancellationToken cancellationToken) =>
        ResourceIds.IsPlausible(caseId) && await cases.GetAsync(caseId, cancellationToken) is { } record
            ? TypedResults.Ok(await ViewAsync(record, debts, cancellationToken))
            : NoCase(caseId);

    internal static async Task<IResult> FileAsync(string caseId, CaseStore cases, CaseFileStore files, CancellationToken cancellationToken) =>
        await CaseFileAsync(caseId, cases, files, cancellationToken) ?? NoCaseFile(caseId);

    /// <summary>The latest case file of <paramref name="caseId"/> as a download, or null when there is none yet.</summary>
    internal static async Task<IResult?> CaseFileAsync(string caseId, CaseStore cases, CaseFileStore files, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsPlausible(caseId) || await cases.GetAsync(caseId, cancellationToken) is not { Progress.CaseFiles: [.., var latest] }
            || await files.GetAsync(caseId, latest, cancellationToken) is not { } content)
        {
            return null;
        }

        return TypedResults.File(content.ToArray(), "application/zip", $"case-file-{caseId}.zip");
    }

    internal static async Task<Results<Created<CaseView>, ProblemHttpResult>> OpenAsync(
        HttpRequest request, ClaimsPrincipal caller, CustomerRepository customers, LegalCases legal, CaseStore cases, CaseDebts debts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OpenCaseBody>(request, cancellationToken, validate: OpenCaseBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (await customers.GetAsync(body!.CustomerId!, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Customer", $"customerId: no customer with id '{body.CustomerId}' exists. Nothing was stored.");
        }

        if (await cases.OpenCaseOfAsync(body.CustomerId!, cancellationToken) is { } open)
        {
            return ApiProblems.Conflict("Case already open", $"Customer '{body.CustomerId}' has the open case '{open}'; its invoices are in it. Nothing was stored.");
        }

        var opened = await legal.OpenAsync(body.CustomerId!, null, caller.Identity!.Name!, body.Reason!.Trim(), clock.GetUtcNow(), cancellationToken);
        if (opened is not { } o)
        {
            return ApiProblems.Conflict("Nothing owed", $"Customer '{body.CustomerId}' has no unpaid invoice to hand to legal. Nothing was stored.");
        }

        var view = await ViewAsync((await cases.GetAsync(o.Case.CaseId, cancellationToken))!, debts, cancellationToken);
        return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(o.Case.CaseId)}", view);
    }

    internal static Task<Results<Ok<CaseView>, ProblemHttpResult>> AcceptAsync(
        string caseId, HttpRequest request, ClaimsPrincipal caller, LegalCases legal, IAgencyChannel agencies, CaseStore cases, CaseDebts debts, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync<AcceptCaseBody>(caseId, request, body => AcceptCaseBody.Validate(body, agencies), cases, debts, cancellationToken,
            body => legal.AcceptAsync(caseId, body.ParsedRoute, body.Agency?.Trim().ToLowerInvariant(), caller.Identity!.Name!, body.Comment?.Trim() ?? string.Empty, clock.GetUtcNow(), cancellationToken));

    internal static Task<Results<Ok<CaseView>, ProblemHttpResult>> RecallAsync(
        string caseId, HttpRequest request, ClaimsPrincipal caller, LegalCases legal, CaseStore cases, CaseDebts debts, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync<CaseReasonBody>(caseId, request, CaseReasonBody.Validate, cases, debts, cancellationToken,
            body => legal.RecallAsync(caseId, caller.Identity!.Name!, body.Reason!.Trim(), clock.GetUtcNow(), cancellationToken));

    internal static Task<Results<Ok<CaseView>, ProblemHttpResult>> WriteOffAsync(
        string caseId, HttpRequest request, ClaimsPrincipal caller, LegalCases legal, CaseStore cases, CaseDebts debts, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync<CaseReasonBody>(caseId, request, CaseReasonBody.Validate, cases, debts, cancellationToken,
            body => legal.ProposeWriteOffAsync(caseId, caller.Identity!.Name!, body.Reason!.Trim(), clock.GetUtcNow(), cancellationToken));

    internal static Task<Results<Ok<CaseView>, ProblemHttpResult>> WithdrawAsync(
        string caseId, HttpRequest request, ClaimsPrincipal caller, LegalCases legal, CaseStore cases, CaseDebts debts, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync<CaseReasonBody>(caseId, request, CaseReasonBody.Validate, cases, debts, cancellationToken,
            body => legal.WithdrawAsync(caseId, caller.Identity!.Name!, body.Reason!.Trim(), clock.GetUtcNow(), cancellationToken));

    internal static async Task<Results<Accepted, ProblemHttpResult>> DecideAsync(
        string caseId, HttpRequest request, ClaimsPrincipal caller, LegalCases legal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CaseDecisionBody>(request, cancellationToken, validate: CaseDecisionBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(caseId))
        {
            return NoCase(caseId);
        }

        var role = Enum.Parse<CreditRole>(caller.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The endpoint must require an API key policy."));
        try
        {
            await legal.DecideAsync(caseId, body!.Approve, body.Comment?.Trim() ?? string.Empty, caller.Identity!.Name!, role, clock.GetUtcNow(), cancellationToken);
            return TypedResults.Accepted($"/api/cases/{Uri.EscapeDataString(caseId)}");
        }
        catch (KeyNotFoundException)
        {
            return NoCase(caseId);
        }
        catch (CaseDecisionAboveAuthorityException e)
        {
            return ApiProblems.Forbidden("Above your authority", $"Case {caseId}: {e.Message}");
        }
        catch (CaseActionRefusedException e)
        {
            return ApiProblems.Conflict("Nothing to decide", e.Message + ". Nothing was decided.");
        }
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> ChangeAsync<TBody>(
        string caseId, HttpRequest request, Func<TBody, FieldErrors> validate, CaseStore cases, CaseDebts debts, CancellationToken cancellationToken, Func<TBody, Task<LegalCase>> change)
        where TBody : class
    {
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken, validate: validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(caseId))
        {
            return NoCase(caseId);
        }

        try
        {
            var changed = await change(body!);
            return TypedResults.Ok(await ViewAsync((await cases.GetAsync(changed.CaseId, cancellationToken))!, debts, cancellationToken));
        }
        catch (KeyNotFoundException)
        {
            return NoCase(caseId);
        }
        catch (CaseActionRefusedException e)
        {
            return ApiProblems.Conflict("Not possible now", $"Case {caseId}: {e.Message}. Nothing was stored.");
        }
    }

    internal static async Task<CaseView> ViewAsync(CaseRecord record, CaseDebts debts, CancellationToken cancellationToken)
    {
        var (owed, invoices) = await debts.OwedAsync(record.Case, cancellationToken);
        return CaseView.From(record, owed, invoices);
    }

    private static ProblemHttpResult NoCase(string caseId) => ApiProblems.NotFound("Case", $"No legal case '{caseId}' exists.");

    private static IResult NoCaseFile(string caseId) => ApiProblems.NotFound("Case file", $"Legal case '{caseId}' does not exist or has no case file yet.");
}
