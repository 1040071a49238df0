using System.Globalization;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Customers;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace.CreditApplications;

/// <summary>
/// <c>/credit/applications/{id}</c> (<see cref="ApplicationPage"/>): an application for people, where the mails to sales lead. It
/// shows where the application stands and what it waits for, and takes that: the missing figures
/// or written reason (as <c>POST /api/applications/{id}/data</c>) and a request to reconsider a
/// refusal (as <c>.../reconsideration</c>), through the API's own paths, as the signed-in user.
/// </summary>
internal static class ApplicationPageEndpoints
{
    public const string FigureField = "figure.";
    public const string ReasonField = "belowStandardReason";
    public const string ReconsiderationField = "reason";
    private const string Root = "/credit/applications";

    public static string PathOf(string applicationId) => $"{Root}/{Uri.EscapeDataString(applicationId)}";

    public static RouteGroupBuilder MapApplicationPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapWorkspaceGroup(Root);
        page.MapGet("/{id}", ShowAsync).WithName("ApplicationPage").WithSummary("An application, what it waits for, and the forms to answer it.");
        page.MapPost("/{id}/data", SupplyDataAsync).WithName("ApplicationPageSupplyData").WithSummary("Sends missing figures or the written reason, as the signed-in user.");
        page.MapPost("/{id}/reconsideration", ReconsiderAsync).WithName("ApplicationPageReconsider").WithSummary("Asks for a refusal to be reconsidered, as the signed-in user.");
        return page;
    }

    public static async Task<IResult> ShowAsync(HttpContext http, string id, [AsParameters] EventServices services, CreditProfileRepository profiles)
    {
        var user = CreditGuard.User(http);
        if (await services.Reader.FindAsync(id, http.RequestAborted) is not { } state)
        {
            return NotFound(id, user);
        }

        return await RenderAsync(http, state, services, profiles, user, CreditMessages.TakeFlash(http), posted: null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> SupplyDataAsync(HttpContext http, string id, [AsParameters] EventServices services, CreditProfileRepository profiles)
    {
        var user = CreditGuard.User(http);
        if (!ApiKeyPolicies.WorkOnApplicationsRoles.Contains(user.Role))
        {
            return NotAllowed(user, "Sending data", ApiKeyPolicies.WorkOnApplicationsRoles);
        }

        if (await services.Reader.FindAsync(id, http.RequestAborted) is not { } state)
        {
            return NotFound(id, user);
        }

        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return NotAForm(user);
        }

        var errors = new FieldErrors();
        var figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith(FigureField, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value)))
        {
            var name = key[FigureField.Length..];
            if (decimal.TryParse(value.ToString().Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                figures[name] = number;
            }
            else
            {
                errors.Add($"financialFigures.{name}", $"must be a number such as 1.5 (was '{value}').");
            }
        }

        var reason = form[ReasonField].ToString();
        var body = new SupplyDataBody(figures, string.IsNullOrWhiteSpace(reason) ? null : reason);
        if (errors.IsEmpty)
        {
            errors = services.Validator.Validate(body, await services.Validator.ScorecardAsync(http.RequestAborted));
        }

        if (!errors.IsEmpty)
        {
            var flash = Flash.Error("Nothing was sent. " + string.Join(" ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(" ", e.Value)}")));
            return await RenderAsync(http, state, services, profiles, user, flash, form, StatusCodes.Status400BadRequest);
        }

        var result = await ApplicationsApi.SupplyAsAsync(state, body, user.Name, services, http.RequestAborted);
        var what = string.Join(" and ", new[] { figures.Count == 0 ? null : $"{figures.Count} figure{(figures.Count == 1 ? "" : "s")}", body.BelowStandardReason is null ? null : "the written reason" }.OfType<string>());
        return Answered(http, state.Id, result.Result, $"Sent {what} as {user.Name}: onboarding checks the application again.");
    }

    public static async Task<IResult> ReconsiderAsync(HttpContext http, string id, [AsParameters] EventServices services, CreditProfileRepository profiles)
    {
        var user = CreditGuard.User(http);
        if (!ApiKeyPolicies.RequestReconsiderationRoles.Contains(user.Role))
        {
            return NotAllowed(user, "Asking for reconsideration", ApiKeyPolicies.RequestReconsiderationRoles);
        }

        if (await services.Reader.FindAsync(id, http.RequestAborted) is not { } state)
        {
            return NotFound(id, user);
        }

        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return NotAForm(user);
        }

        var body = new ReconsiderationBody(form[ReconsiderationField].ToString());
        var errors = services.Validator.Validate(body);
        if (!errors.IsEmpty)
        {
            var flash = Flash.Error("Nothing was sent: the reason " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
            return await RenderAsync(http, state, services, profiles, user, flash, form, StatusCodes.Status400BadRequest);
        }

        var result = await ApplicationsApi.ReconsiderAsAsync(state, body, user.Name, services, http.RequestAborted);
        return Answered(http, state.Id, result.Result, $"Your request for reconsideration was handed to onboarding as {user.Name}: the next tier up hears it.");
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, ApplicationState state, EventServices services, CreditProfileRepository profiles,
        CreditUser user, Flash? flash, IFormCollection? posted, int statusCode)
    {
        // The figures offered are those the scorecard in force asks for: the one the application will be scored by.
        var model = await services.Validator.ScorecardAsync(http.RequestAborted);
        var view = await services.Reader.ViewAsync(state, http.RequestAborted);
        var hasReport = (await profiles.GetAsync(view.Customer.Id, http.RequestAborted))?.Value.CreditReportBlob is not null;
        return new RazorComponentResult<ApplicationPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            View = view,
            Scorecard = model,
            Posted = posted,
            TakesData = ApplicationsApi.TakesData(state),
            MayBeReconsidered = ApplicationsApi.MayBeReconsidered(state, services.Time.GetUtcNow()),
            ReportPath = hasReport ? CreditReportPage.PathOf(view.Customer.Id) : null,
            MaySendData = ApiKeyPolicies.WorkOnApplicationsRoles.Contains(user.Role),
            MayAskReconsideration = ApiKeyPolicies.RequestReconsiderationRoles.Contains(user.Role),
            SendDataRoles = OneOf(ApiKeyPolicies.WorkOnApplicationsRoles),
            ReconsiderationRoles = OneOf(ApiKeyPolicies.RequestReconsiderationRoles),
            SignedInRole = user.Role.ToString(),
            Message = PageMessage.From(flash),
        })
        { StatusCode = statusCode };
    }

    private static IResult Answered(HttpContext http, string id, IResult result, string success) => CreditMessages.RedirectWith(http, PathOf(id), result switch
    {
        Accepted => Flash.Ok(success),
        ProblemHttpResult problem => Flash.Error($"{problem.ProblemDetails.Title}: {problem.ProblemDetails.Detail} Nothing was sent."),
        var other => throw new InvalidOperationException($"Unexpected result {other.GetType().Name}."),
    });

    private static IResult NotFound(string id, CreditUser user) =>
        WorkspaceNotices.NotFound(user, "Application not found", $"No credit application has the id {id}.", "/credit/customers", "Customers");

    private static IResult NotAForm(CreditUser user) =>
        WorkspaceNotices.NotAForm(user, "Send this from the application's page. Nothing was sent.", "/credit/customers", "Customers");

    private static IResult NotAllowed(CreditUser user, string what, IReadOnlyList<CreditRole> roles) =>
        WorkspaceNotices.NotAllowed(user, $"{what} needs the role {OneOf(roles)}; you are signed in as {user.Name} with the role {user.Role}. Nothing was sent.", "/credit/customers", "Customers");

    /// <summary>"SalesRep, CreditOfficer or CreditManager".</summary>
    private static string OneOf(IReadOnlyList<CreditRole> roles) => WorklistText.OneOf(roles.Select(r => r.ToString()));
}
