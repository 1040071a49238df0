using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Cases;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Workspace.Cases;

/// <summary>
/// The pages of legal and the credit managers: <c>/credit/cases</c> (<see cref="CasesPage"/>) lists the legal cases (the
/// open ones by default, newest first) with their amounts and what each waits for, and lets a credit manager hand a
/// customer to legal by hand; <c>/credit/cases/{caseId}</c> (<see cref="CasePage"/>) shows one case (amounts, invoices,
/// the approval waiting, the agency's reports, the timeline, the case file) with the steps the signed-in role may take. Every step goes through <see cref="LegalCases"/>,
/// as <c>/api/cases</c> does, for the roles its policies allow (<see cref="ApiKeyPolicies"/>).
/// </summary>
/// <remarks>
/// "Still owed" is the ledger's open amount of the case's invoices now (<see cref="CaseDebts"/>), so a payment the ERP
/// books outside the case shows at once. A case is <em>quiet</em> once nothing happened on it for
/// <see cref="LegalCaseOptions.SilenceBeforeTask"/>: the time after which legal is given a task to look at it.
/// </remarks>
internal static partial class CasesPageEndpoints
{
    public const string Path = "/credit/cases";

    /// <summary>The filter shown without one: the cases someone still works on.</summary>
    private const string OpenFilter = "open";
    private const string AllFilter = "all";

    public static RouteGroupBuilder MapCasesPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapWorkspaceGroup(Path);
        page.MapGet("", ListAsync).WithName("CasesPage").WithSummary("Legal cases (the open ones by default), newest first, with their amounts and what each waits for.");
        page.MapPost("", OpenAsync).WithName("CasesPageOpen").WithSummary("Hands a customer's unpaid invoices to legal as a case, as the signed-in credit manager.");
        page.MapGet("/export.{format}", CasesExport.DownloadAsync).WithName("CasesExport").WithSummary("Every legal case of the status filter (not only the page shown), as CSV or Excel (xlsx).");
        page.MapGet("/{caseId}", ShowAsync).WithName("CasePage").WithSummary("One legal case: amounts, invoices, approval, agency reports, timeline and the steps the signed-in role may take.");
        page.MapGet("/{caseId}/file", FileAsync).WithName("CasePageFile").WithSummary("The case file (ZIP) for the signed-in user.");
        page.MapPost("/{caseId}/acceptance", AcceptAsync).WithName("CasePageAccept").WithSummary("Legal accepts the case and chooses its route.");
        page.MapPost("/{caseId}/recall", RecallAsync).WithName("CasePageRecall").WithSummary("Takes the case back from its agency.");
        page.MapPost("/{caseId}/write-off", WriteOffAsync).WithName("CasePageWriteOff").WithSummary("Proposes to write off what is still owed.");
        page.MapPost("/{caseId}/decision", DecideAsync).WithName("CasePageDecide").WithSummary("Approves or rejects the settlement or write-off the case waits for, within the user's authority.");
        page.MapPost("/{caseId}/withdrawal", WithdrawAsync).WithName("CasePageWithdraw").WithSummary("Withdraws the case.");
        return page;
    }

    public static async Task<RazorComponentResult<CasesPage>> ListAsync(
        HttpContext http, CaseStore cases, CaseDebts debts, CreditPolicies policies, IOptions<LegalCaseOptions> options, TimeProvider clock, string? status, string? page)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var flash = CreditMessages.TakeFlash(http);
        if (!TryFilter(status, out var filter, out var only))
        {
            flash = Flash.Error($"There is no status \"{status}\"; showing the open cases. Pick one of the statuses below.");
        }

        // One read of every case gives both the counts of the filter links and the rows.
        var every = await cases.ListEveryAsync(cancellationToken: cancellationToken);
        var shown = Matching(every, filter, only);
        var paging = Paging.Read(page, shown.Count, ref flash);

        // What each case still owes is read for the page shown only.
        var rows = new List<CaseRow>();
        foreach (var record in paging.Of(shown))
        {
            var authority = (await policies.VersionOrInForceAsync(record.Case.Approval?.PolicyVersion, cancellationToken)).Authority;
            rows.Add(new CaseRow(record.Case, (await debts.OwedAsync(record.Case, cancellationToken)).Total, CaseWords.WaitsFor(record.Case, authority)));
        }

        var open = every.Where(c => !c.Case.IsClosed).Select(c => c.Case).ToList();
        var statusLinks = new List<(string Value, string Label)> { (OpenFilter, $"Open ({open.Count})") };
        statusLinks.AddRange(Enum.GetValues<CaseStatus>().Select(s => (CaseWords.Css(s), $"{CaseWords.Label(s)} ({every.Count(c => c.Case.Status == s)})")));
        statusLinks.Add((AllFilter, $"All ({every.Count})"));
        return new RazorComponentResult<CasesPage>(new
        {
            UserName = user.Name,
            UserRole = Words(user.Role),
            Filter = filter,
            StatusLinks = statusLinks,
            AwaitingLegal = open.Count(c => c.Status == CaseStatus.AwaitingLegal),
            InProgress = open.Count(c => c.Status == CaseStatus.InProgress),
            AwaitingApproval = open.Count(c => c.Approval is not null),
            MayOpen = ApiKeyPolicies.ManageCasesRoles.Contains(user.Role),
            Rows = rows,
            Paging = paging,
            Heading = filter switch
            {
                OpenFilter => "open cases",
                AllFilter => "cases",
                _ => Words(only!.Value) + " cases",
            },
            Quiet = options.Value.SilenceBeforeTask,
            Now = clock.GetUtcNow(),
            ReasonMaxChars = CaseText.MaxChars,
            Message = PageMessage.From(flash),
        });
    }

    /// <summary>
    /// The filter <paramref name="status"/> names: "open" (also when none is named), "all", or a status with its name as
    /// the page writes it; false for no such status, the filter then being "open".
    /// </summary>
    internal static bool TryFilter(string? status, out string filter, out CaseStatus? only)
    {
        (filter, only) = (string.IsNullOrEmpty(status) ? OpenFilter : status, null);
        if (filter is OpenFilter or AllFilter)
        {
            return true;
        }

        if (Enum.TryParse<CaseStatus>(filter, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(filter, out _))
        {
            (only, filter) = (parsed, CaseWords.Css(parsed));
            return true;
        }

        filter = OpenFilter;
        return false;
    }

    /// <summary>The cases the page lists under a <see cref="TryFilter"/> filter, newest first as read.</summary>
    internal static List<CaseRecord> Matching(IEnumerable<CaseRecord> every, string filter, CaseStatus? only) =>
        every.Where(c => filter == AllFilter || (filter == OpenFilter ? !c.Case.IsClosed : c.Case.Status == only)).ToList();

    public static async Task<IResult> ShowAsync(
        HttpContext http, string caseId, CaseStore cases, CaseDebts debts, CreditPolicies policies, IAgencyChannel agencies, IOptions<LegalCaseOptions> options, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (!ResourceIds.IsPlausible(caseId) || await cases.GetAsync(caseId, cancellationToken) is not { } record)
        {
            return new RazorComponentResult<NoSuchCasePage>(new { UserName = user.Name, UserRole = Words(user.Role), CaseId = caseId })
            {
                StatusCode = StatusCodes.Status404NotFound,
            };
        }

        var (owed, invoices) = await debts.OwedAsync(record.Case, cancellationToken);
        // Who decides is read from the matrix the approval was asked under, as the decision will be judged by it.
        var authority = (await policies.VersionOrInForceAsync(record.Case.Approval?.PolicyVersion, cancellationToken)).Authority;
        var approval = record.Case.Approval is { Asked: true } a ? a : null;
        var detail = new CaseDetail(
            record,
            owed,
            invoices,
            CaseWords.WaitsFor(record.Case, authority),
            approval is null ? null : LegalCases.WhoDecides(approval, authority),
            approval is not null && ApiKeyPolicies.DecideCasesRoles.Contains(user.Role) && LegalCases.MayDecide(user.Role, approval, authority),
            ApiKeyPolicies.AcceptCasesRoles.Contains(user.Role),
            ApiKeyPolicies.ManageCasesRoles.Contains(user.Role),
            ApiKeyPolicies.WithdrawCasesRoles.Contains(user.Role),
            agencies.Agencies);
        return new RazorComponentResult<CasePage>(new
        {
            UserName = user.Name,
            UserRole = Words(user.Role),
            Detail = detail,
            Quiet = options.Value.SilenceBeforeTask,
            Now = clock.GetUtcNow(),
            TextMaxChars = CaseText.MaxChars,
            Message = PageMessage.From(CreditMessages.TakeFlash(http)),
        });
    }

    /// <summary>The same ZIP as <c>GET /api/cases/{id}/file</c>, for a person signed in to the pages (no API key in a browser).</summary>
    public static async Task<IResult> FileAsync(HttpContext http, string caseId, CaseStore cases, CaseFileStore files) =>
        await CasesApi.CaseFileAsync(caseId, cases, files, http.RequestAborted)
            ?? CreditMessages.RedirectWith(http, ResourceIds.IsPlausible(caseId) ? CasePath(caseId) : Path, Flash.Error($"Case {caseId} has no case file yet: its workflow assembles it right after the case is opened. Try again in a moment."));

    /// <summary>A credit manager hands a customer's unpaid invoices to legal, as <c>POST /api/cases</c> does.</summary>
    public static async Task<IResult> OpenAsync(HttpContext http, CustomerRepository customers, CaseStore cases, LegalCases legal, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (await AdminForms.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return NotAForm(user);
        }

        if (!ApiKeyPolicies.ManageCasesRoles.Contains(user.Role))
        {
            return CreditMessages.RedirectWith(http, Path, NotYours(user, "hand a customer to legal", ApiKeyPolicies.ManageCasesRoles));
        }

        var body = new OpenCaseBody(form["customerId"].ToString().Trim(), form["reason"]);
        if (Problems(OpenCaseBody.Validate(body)) is { } why)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"{why} No case was opened."));
        }

        var customerId = body.CustomerId!;
        if (await customers.GetAsync(customerId, cancellationToken) is not { } customer)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"Customer id: there is no customer \"{customerId}\" on file. No case was opened."));
        }

        var name = customer.Value.Name;
        if (await cases.OpenCaseOfAsync(customerId, cancellationToken) is { } open)
        {
            return CreditMessages.RedirectWith(http, CasePath(open), Flash.Error($"{name} already has this open case; its unpaid invoices are in it. No case was opened."));
        }

        var opened = await legal.OpenAsync(customerId, null, user.Name, body.Reason!.Trim(), clock.GetUtcNow(), cancellationToken);
        if (opened is not { } o)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"{name} has no unpaid invoice to hand to legal. No case was opened."));
        }

        return CreditMessages.RedirectWith(http, CasePath(o.Case.CaseId), Flash.Ok(
            $"Opened case {o.Case.CaseId} on {name} as {user.Name}: {o.Case.Invoices.Count} invoice(s), {o.Case.Claimed} claimed. "
            + "Its workflow now blacklists the customer, assembles the case file and asks legal to accept it."));
    }

    /// <summary>The page of one case, where its steps post and come back to.</summary>
    public static string CasePath(string caseId) => $"{Path}/{Uri.EscapeDataString(caseId)}";

    private static IResult NotAForm(CreditUser user) =>
        WorkspaceNotices.NotAForm(user, "Work on cases from the cases pages. Nothing was stored.", Path, "Legal cases");

    /// <summary>"Only the credit manager, the credit committee or legal may …; you are signed in as …".</summary>
    private static Flash NotYours(CreditUser user, string what, IEnumerable<CreditRole> roles) =>
        Flash.Error($"Only {OneOf(roles.Select(r => r == CreditRole.Legal ? "legal" : "the " + Words(r)))} may {what}; you are signed in as {user.Name} ({Words(user.Role)}). Nothing was stored.");

    /// <summary>The form's problems in one sentence per field ("Reason is required …"), or null when there are none.</summary>
    private static string? Problems(FieldErrors errors) => errors.IsEmpty
        ? null
        : string.Join(" ", errors.ToDictionary().Select(p => $"{Field(p.Key)} {string.Join(" ", p.Value)}"));

    private static string Field(string key) => key switch
    {
        "customerId" => "Customer id",
        _ => char.ToUpperInvariant(key[0]) + key[1..],
    };
}
