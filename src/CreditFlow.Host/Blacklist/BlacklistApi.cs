using System.Security.Claims;
using System.Text;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Blacklist;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CreditFlow.Host.Blacklist;

/// <summary>
/// <c>/api/blacklist</c>: the companies that get no credit (docs/domain.md "Customers"). Any API key reads the list;
/// the credit manager, the committee and Legal add to it, one company or an industry list (CSV); only the committee
/// takes a company off, with a reason, and the entry stays in the history as removed. Nothing is stored on any error.
/// </summary>
internal static class BlacklistApi
{
    /// <summary>The page size of the list when none is asked for.</summary>
    public const int DefaultTake = 100;

    /// <summary>Largest industry list accepted, in bytes: about 20,000 rows of a registration number, a name and a reason.</summary>
    public const long MaxCsvBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapBlacklistApi(this IEndpointRouteBuilder app)
    {
        var blacklist = app.MapGroup("/api/blacklist").WithTags("Blacklist");
        blacklist.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListBlacklist")
            .WithSummary("The companies on the blacklist, newest first, a page at a time; filter: source.")
            .WithDescription($"source is internal, industryList or legalCase. skip (default 0) and take (1-{BlacklistStore.MaxPageSize}, default {DefaultTake}) "
                + "page through the list; total says how many match. A bad value is a 400 naming the parameter.")
            .ProducesValidationProblem();
        blacklist.MapGet("/{registrationNumber}", GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetBlacklistEntry")
            .WithSummary("The entry of a registration number while it is on the blacklist; 404 otherwise (saying when it was taken off, if it was).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        blacklist.MapPost("", AddAsync)
            .RequireAuthorization(ApiKeyPolicies.ManageBlacklist)
            .WithName("AddToBlacklist")
            .WithSummary("Puts a company on the blacklist; a customer also gets status Blacklisted and its group is flagged.")
            .WithDescription("Body: {\"registrationNumber\", \"name\", \"customerId\" (optional), \"reason\", \"source\": \"internal\"|\"industryList\"}. Roles: "
                + string.Join(", ", ApiKeyPolicies.ManageBlacklistRoles) + ". When customerId is given or the registration number is a customer's, the "
                + "customer's profile is set to Blacklisted and every other company of its group (same actual controller) is flagged: their orders on "
                + "credit are held. The decider is the API key's name. 201 with the entry; 200 with the stored entry when the number is on the list already.")
            .Accepts<AddToBlacklistBody>("application/json")
            .Produces<BlacklistEntryView>(StatusCodes.Status201Created)
            .Produces<BlacklistEntryView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        blacklist.MapPost("/import", ImportAsync)
            .RequireAuthorization(ApiKeyPolicies.ManageBlacklist)
            .WithName("ImportIndustryBlacklist")
            .WithSummary("Imports an industry list of defaulters (CSV), whole or not at all.")
            .WithDescription("Body: text/csv with the header registrationNumber,name,reason, one company per row (source industryList). Every row is "
                + "checked first: a bad one is a 400 naming each row and column (\"row 3, column name\"; the header is row 1) and nothing is imported. "
                + "Companies on the list already are left as they are; our customers on it are blacklisted with their groups flagged. "
                + $"At most {IndustryListCsv.MaxRows:N0} rows. 409 when a company of the list was added meanwhile (nothing imported: send it again).")
            .Accepts<string>("text/csv")
            .Produces<BlacklistImportView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            // The API key travels in a header that browsers never add by themselves, so there is no cross-site form to forge.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxCsvBytes));
        blacklist.MapDelete("/{registrationNumber}", RemoveAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("RemoveFromBlacklist")
            .WithSummary("Takes a company off the blacklist: the credit committee only, with ?reason=.")
            .WithDescription("The reason is a query parameter (DELETE bodies are dropped by some proxies and clients). Any role but CreditCommittee is a "
                + "403 and nothing changes. A customer's profile status goes back to what it was before (Restricted when that is unknown), and the "
                + "group flags it set are cleared. The entry stays in the history as removed. 404 when the number is not on the list.")
            .Produces<BlacklistEntryView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return blacklist;
    }

    internal static async Task<Results<Ok<BlacklistListView>, ProblemHttpResult>> ListAsync(
        BlacklistStore list, string? source, string? skip, string? take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        BlacklistSource? only = null;
        if (!string.IsNullOrEmpty(source))
        {
            if (Enum.GetValues<BlacklistSource>().FirstOrDefault(s => string.Equals(BlacklistEntryView.SourceName(s), source, StringComparison.OrdinalIgnoreCase), (BlacklistSource)(-1)) is var s && Enum.IsDefined(s))
            {
                only = s;
            }
            else
            {
                errors["source"] = ["must be internal, industryList or legalCase."];
            }
        }

        var from = 0;
        if (!string.IsNullOrEmpty(skip) && (!int.TryParse(skip, out from) || from < 0))
        {
            errors["skip"] = ["must be a whole number, 0 or more."];
        }

        var size = DefaultTake;
        if (!string.IsNullOrEmpty(take) && (!int.TryParse(take, out size) || size < 1 || size > BlacklistStore.MaxPageSize))
        {
            errors["take"] = [$"must be a whole number from 1 to {BlacklistStore.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var page = await list.ListAsync(only, from, size, cancellationToken);
        return TypedResults.Ok(new BlacklistListView(page.Entries.Select(e => BlacklistEntryView.From(e)).ToArray(), page.Total, from, size));
    }

    internal static async Task<Results<Ok<BlacklistEntryView>, ProblemHttpResult>> GetAsync(string registrationNumber, BlacklistStore list, CancellationToken cancellationToken)
    {
        if (BlacklistStore.IsValidRegistrationNumber(registrationNumber))
        {
            if (await list.GetAsync(registrationNumber, cancellationToken) is { } entry)
            {
                return TypedResults.Ok(BlacklistEntryView.From(entry));
            }

            if ((await list.ListRemovedAsync(registrationNumber, cancellationToken)).FirstOrDefault() is { Removal: { } removal })
            {
                return ApiProblems.NotFound("Blacklist entry", $"{registrationNumber} is not on the blacklist: {removal.DecidedBy} took it off at {removal.At:u} ({removal.Reason}).");
            }
        }

        return NotListed(registrationNumber);
    }

    internal static async Task<Results<Created<BlacklistEntryView>, Ok<BlacklistEntryView>, ProblemHttpResult>> AddAsync(
        HttpRequest request, ClaimsPrincipal caller, BlacklistDesk desk, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddToBlacklistBody>(request, cancellationToken, validate: AddToBlacklistBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        var (entry, added, flagged, errors) = await desk.AddAsync(body!, caller.Identity!.Name!, clock.GetUtcNow(), cancellationToken);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var view = BlacklistEntryView.From(entry!, flagged);
        return added ? TypedResults.Created($"/api/blacklist/{Uri.EscapeDataString(entry!.RegistrationNumber)}", view) : TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<BlacklistImportView>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal caller, BlacklistDesk desk, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "Body must be CSV", detail: "Send the industry list as Content-Type: text/csv with the header registrationNumber,name,reason.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        try
        {
            var (imported, errors) = await desk.ImportAsync(reader, caller.Identity!.Name!, clock.GetUtcNow(), cancellationToken);
            return imported is null ? ApiProblems.Validation(errors.ToDictionary()) : TypedResults.Ok(imported);
        }
        catch (ConcurrencyConflictException e)
        {
            return ApiProblems.Conflict("Blacklist changed during the import", e.Message);
        }
    }

    internal static async Task<Results<Ok<BlacklistEntryView>, ProblemHttpResult>> RemoveAsync(
        string registrationNumber, string? reason, ClaimsPrincipal caller, BlacklistDesk desk, TimeProvider clock, CancellationToken cancellationToken)
    {
        var who = caller.Identity!.Name!;
        var role = Enum.Parse<CreditRole>(caller.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The endpoint must require an API key policy."));
        if (role != BlacklistDesk.Remover)
        {
            return ApiProblems.Forbidden("The credit committee decides", BlacklistDesk.NotTheCommittee($"the API key '{who}'", role));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > AddToBlacklistBody.MaxReasonChars)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["reason"] = [$"is required (?reason=…, at most {AddToBlacklistBody.MaxReasonChars:N0} characters): why the committee takes the company off."],
            });
        }

        return BlacklistStore.IsValidRegistrationNumber(registrationNumber)
            && await desk.RemoveAsync(registrationNumber, reason.Trim(), who, role, clock.GetUtcNow(), cancellationToken) is { } removed
            ? TypedResults.Ok(BlacklistEntryView.From(removed))
            : NotListed(registrationNumber);
    }

    private static ProblemHttpResult NotListed(string registrationNumber) =>
        ApiProblems.NotFound("Blacklist entry", $"{registrationNumber} is not on the blacklist.");
}
