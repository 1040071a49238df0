using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Customers;

/// <summary>
/// <c>/api/customers/{id}/order-terms</c>: the terms the order check applies on top of the credit
/// profile, a frozen limit and the share of each order to prepay. Any API key reads them; a credit
/// manager's or the committee's key sets them, and each change is a documented decision (decider = the
/// key's name) written in one transaction with the terms.
/// </summary>
internal static class OrderTermsApi
{
    private const string Route = "/{id}/order-terms";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapOrderTermsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(CustomersApi.Prefix).WithTags("Customers");
        api.MapGet(Route, GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetOrderTerms")
            .WithSummary("The customer's order terms: whether its limit is frozen and the share of each order to prepay.")
            .WithDescription("Never set: {\"limitFrozen\": false, \"prepaymentShare\": 0}.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(Route, SetAsync)
            .RequireAuthorization(ApiKeyPolicies.SetOrderTerms)
            .WithName("SetOrderTerms")
            .WithSummary("Sets the customer's order terms and logs the decision; the order check applies them to the next order.")
            .WithDescription("Body: {\"limitFrozen\": true, \"prepaymentShare\": 0.3, \"reason\": \"…\"}; both terms are required, the share is 0..1 "
                + "(0.3 = 30% of each order prepaid), the reason (at most 1,000 characters) becomes the decision's 'why'. The decider is the API key's name. "
                + "A 400 names each bad field; nothing is stored on any error.")
            .Accepts<OrderTermsBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    internal static async Task<Results<Ok<OrderTermsView>, ProblemHttpResult>> GetAsync(
        string id, CustomerRepository customers, CustomerLedgerStore ledgers, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, customers, cancellationToken))
        {
            return NoCustomer(id);
        }

        var ledger = await ledgers.ReadAsync(id, [], cancellationToken);
        return TypedResults.Ok(OrderTermsView.From(ledger.Terms));
    }

    internal static async Task<Results<Ok<OrderTermsView>, ProblemHttpResult>> SetAsync(
        string id, HttpRequest request, ClaimsPrincipal caller, CustomerRepository customers, CustomerLedgerStore ledgers, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, customers, cancellationToken))
        {
            return NoCustomer(id);
        }

        var (body, problem) = await JsonBody.ReadAsync<OrderTermsBody>(request, cancellationToken, validate: OrderTermsBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        var terms = body!.ToTerms(new FieldErrors())!;

        // Read only to say in the log what the terms were; the write replaces them whatever they are now.
        var previous = (await ledgers.ReadAsync(id, [], cancellationToken)).Terms;
        await ledgers.SetTermsAsync(id, terms, Decision(id, previous, terms, body.Reason!.Trim(), CallerName(caller), clock.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(OrderTermsView.From(terms));
    }

    /// <summary>The logged decision; a fresh id per change, as the decision row is keyed by time and id.</summary>
    internal static CreditDecision Decision(string customerId, OrderTerms previous, OrderTerms terms, string why, string decidedBy, DateTimeOffset at) => new(
        "order-terms-" + Guid.NewGuid().ToString("N"),
        customerId,
        at,
        decidedBy,
        terms == previous ? $"order terms confirmed: {Describe(terms)}" : $"order terms: {Describe(terms)} (were: {Describe(previous)})",
        why,
        JsonSerializer.Serialize(new { previous = OrderTermsView.From(previous), terms = OrderTermsView.From(terms) }, Json),
        null,
        null);

    /// <summary>E.g. "limit frozen, prepayment 30%" or "limit not frozen, no prepayment".</summary>
    internal static string Describe(OrderTerms terms) =>
        (terms.LimitFrozen ? "limit frozen" : "limit not frozen") + ", "
        + (terms.PrepaymentShare == 0m ? "no prepayment" : $"prepayment {(terms.PrepaymentShare * 100m).ToString("0.####", CultureInfo.InvariantCulture)}%");

    private static async Task<bool> ExistsAsync(string id, CustomerRepository customers, CancellationToken cancellationToken) =>
        ResourceIds.IsPlausible(id) && await customers.GetAsync(id, cancellationToken) is not null;

    private static ProblemHttpResult NoCustomer(string id) => ApiProblems.NotFound("Customer", $"No customer with id '{id}' exists.");

    private static string CallerName(ClaimsPrincipal caller) =>
        caller.Identity?.Name ?? throw new InvalidOperationException("The endpoint must require an API key policy.");
}
