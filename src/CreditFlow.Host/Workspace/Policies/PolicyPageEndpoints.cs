using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Policies;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Policies;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Policies;

/// <summary>
/// <c>/credit/policies</c>: the credit policy in force and its versions (<see cref="PoliciesPage"/>), a new draft from a
/// form (checked whole: every problem at its JSON path, nothing kept), and one version (<see cref="PolicyPage"/>) with
/// its changes, its impact simulation and its submission to the committee — as <c>/api/policies</c> does, as the
/// signed-in user.
/// </summary>
internal static class PolicyPageEndpoints
{
    public const string Path = "/credit/policies";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static RouteGroupBuilder MapPolicyPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapWorkspaceGroup(Path);
        pages.MapGet("", ShowAllAsync).WithName("PoliciesPage");
        pages.MapPost("", DraftAsync).WithName("PoliciesPageDraft");
        pages.MapGet("/{version:int}", ShowAsync).WithName("PolicyPage");
        pages.MapPost("/{version:int}/simulation", SimulateAsync).WithName("PolicyPageSimulate");
        pages.MapGet("/{version:int}/{table}.{format}", PolicyImpactExport.DownloadAsync).WithName("PolicyImpactExport")
            .WithSummary("One of the version's impact tables (orders, applications, moved invoices) from its kept simulation, as CSV or Excel (xlsx).");
        pages.MapPost("/{version:int}/submission", SubmitAsync).WithName("PolicyPageSubmit");
        pages.MapPost("/{version:int}/withdrawal", WithdrawAsync).WithName("PolicyPageWithdraw");
        return pages;
    }

    private static bool MayDraft(CreditUser user) => ApiKeyPolicies.DraftPoliciesRoles.Contains(user.Role);

    private static async Task<RazorComponentResult<PoliciesPage>> ShowAllAsync(HttpContext http, PolicyDrafts drafts, TimeProvider clock) =>
        await AllPageAsync(http, drafts, clock, null, null, null, [], StatusCodes.Status200OK);

    private static async Task<RazorComponentResult<PoliciesPage>> AllPageAsync(
        HttpContext http, PolicyDrafts drafts, TimeProvider clock, string? effectiveFrom, string? note, string? document, IReadOnlyList<ConfigurationProblem> problems, int status)
    {
        var user = CreditGuard.User(http);
        var ct = http.RequestAborted;
        var inForce = await drafts.InForceAsync(ct);
        var versions = (await drafts.VersionsAsync(ct)).Select(v => PolicyVersionView.From(v, inForce)).ToArray();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new RazorComponentResult<PoliciesPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            InForce = versions.First(v => v.InForce),
            InForceLines = PolicyWords.Lines(inForce),
            Versions = versions,
            MayDraft = MayDraft(user),
            Today = Figures.Iso(today),
            EffectiveFrom = effectiveFrom ?? Figures.Iso(today.AddDays(1)),
            Note = note ?? "",
            Document = document ?? Indent(inForce.Json),
            Problems = problems,
            Message = PageMessage.From(CreditMessages.TakeFlash(http)),
        })
        { StatusCode = status };
    }

    private static async Task<IResult> DraftAsync(HttpContext http, PolicyDrafts drafts, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var ct = http.RequestAborted;
        if (!MayDraft(user))
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"The {WorklistText.Words(user.Role)} reads the policy; the credit manager, the credit committee or an admin drafts it. Nothing was kept."));
        }

        if (!http.Request.HasFormContentType)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error("Draft a version with the form below. Nothing was kept."));
        }

        var form = await http.Request.ReadFormAsync(ct);
        var (effectiveFrom, note, document) = (form["effectiveFrom"].ToString(), form["note"].ToString(), form["policy"].ToString());
        var problems = new List<ConfigurationProblem>();
        if (!DateOnly.TryParseExact(effectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add(new ConfigurationProblem("effectiveFrom", "choose the first day the version is in force"));
        }

        if (note.Length > PolicyDraftBody.NoteMaxChars)
        {
            problems.Add(new ConfigurationProblem("note", $"at most {PolicyDraftBody.NoteMaxChars} characters (was {note.Length})"));
        }

        if (problems.Count == 0)
        {
            var result = await drafts.DraftAsync(document, day, note, user.Name, ct);
            if (result.Draft is { } draft)
            {
                return CreditMessages.RedirectWith(http, $"{Path}/{draft.Version}", Flash.Ok($"Version {draft.Version} is kept as a draft. Simulate it on past orders, then put it to the credit committee."));
            }

            problems.AddRange(result.Problems);
        }
        else
        {
            problems.AddRange(CreditPolicy.Problems(document));
        }

        return await AllPageAsync(http, drafts, clock, effectiveFrom, note, document, problems, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, int version, PolicyDrafts drafts, CustomerRepository customers, IOptions<PolicyOptions> options)
    {
        var user = CreditGuard.User(http);
        var ct = http.RequestAborted;
        if (await drafts.VersionAsync(version, ct) is not { } record)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"There is no version {version} of the credit policy."));
        }

        var inForce = await drafts.InForceAsync(ct);
        var view = PolicyVersionView.From(record, inForce);
        return new RazorComponentResult<PolicyPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            View = view,
            Lines = PolicyWords.Lines(CreditPolicy.Parse(record.Json, record.Version, record.EffectiveFrom)),
            InForceVersion = inForce.Version,
            Simulation = view.Simulation,
            Names = await WorklistText.NamesAsync(
                (view.Simulation?.Orders.Select(o => (string?)o.CustomerId) ?? [])
                    .Concat(view.Simulation?.Applications.Select(a => (string?)a.Then.CustomerId) ?? [])
                    .Concat(view.Simulation?.Invoices.Where(i => i.Changed).Select(i => (string?)i.CustomerId) ?? []),
                customers,
                ct),
            DefaultDays = options.Value.SimulationDays,
            MayDraft = MayDraft(user),
            Document = Indent(record.Json),
            Message = PageMessage.From(CreditMessages.TakeFlash(http)),
        });
    }

    private static async Task<IResult> SimulateAsync(HttpContext http, int version, PolicyDrafts drafts)
    {
        var ct = http.RequestAborted;
        var back = $"{Path}/{version}";
        if (Refused(http, back, "simulate a policy") is { } refused)
        {
            return refused;
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var text = form?["days"].ToString();
        int? days = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (!string.IsNullOrEmpty(text) && days is not (>= 1 and <= 366))
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"Days back must be a whole number from 1 to 366 (was \"{text}\"). Nothing was simulated."));
        }

        var simulation = await drafts.SimulateAsync(version, days, ct);
        return simulation is null
            ? CreditMessages.RedirectWith(http, Path, Flash.Error($"There is no version {version} of the credit policy."))
            : CreditMessages.RedirectWith(http, back + "#impact", Flash.Ok($"Simulated — {simulation.Summary()}."));
    }

    /// <summary>A document as people read it, whatever spacing it was drafted with.</summary>
    private static string Indent(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(Indented);

    private static async Task<IResult> SubmitAsync(HttpContext http, int version, PolicyDrafts drafts)
    {
        var back = $"{Path}/{version}";
        if (Refused(http, back, "put a policy to the committee") is { } refused)
        {
            return refused;
        }

        return await drafts.SubmitAsync(version, CreditGuard.User(http).Name, http.RequestAborted)
            ? CreditMessages.RedirectWith(http, back, Flash.Ok($"Version {version} is with the credit committee: it approves or rejects by the links in its mail."))
            : CreditMessages.RedirectWith(http, back, Flash.Error($"Version {version} is not a draft, so it was not put to the committee again."));
    }

    private static async Task<IResult> WithdrawAsync(HttpContext http, int version, PolicyDrafts drafts)
    {
        var ct = http.RequestAborted;
        var back = $"{Path}/{version}";
        if (Refused(http, back, "withdraw a policy draft") is { } refused)
        {
            return refused;
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var reason = form?["reason"].ToString().Trim() ?? "";
        if (!PolicyWithdrawalBody.Validate(new PolicyWithdrawalBody(reason)).IsEmpty)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"Say why the draft is withdrawn (at most {PolicyDraftBody.NoteMaxChars} characters). Nothing was changed."));
        }

        return await drafts.WithdrawAsync(version, CreditGuard.User(http).Name, reason, ct) is not null
            ? CreditMessages.RedirectWith(http, back, Flash.Ok($"Version {version} is withdrawn: it stays on record and will never be in force."))
            : CreditMessages.RedirectWith(http, back, Flash.Error($"Version {version} is not a draft, so it was not withdrawn."));
    }

    /// <summary>Back to the version with an error when the signed-in role may not <paramref name="what"/>; null when it may.</summary>
    private static IResult? Refused(HttpContext http, string back, string what)
    {
        var user = CreditGuard.User(http);
        return MayDraft(user) ? null : CreditMessages.RedirectWith(http, back, Flash.Error($"The {WorklistText.Words(user.Role)} may not {what}."));
    }
}
