using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Warnings;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Warnings;
using CreditFlow.Workflows.Warnings;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Http.HttpResults;
using static CreditFlow.Host.Credit.WorklistText;
using static CreditFlow.Host.Workspace.Warnings.WarningWords;

namespace CreditFlow.Host.Workspace.Warnings;

/// <summary>
/// The page <c>/credit/warnings</c> (<see cref="WarningsPage"/>): the open early warnings, red first, then orange, then
/// yellow, oldest first within a level, 50 a page (<c>?page=</c>; <c>?warning=</c> shows the page holding that one), each with its customer, rule, owner and deadline, and a form answering it as the
/// signed-in user through the same path as <c>POST /api/warnings/{id}/answer</c> (<see cref="CustomerWarnings.AnswerAsync"/>)
/// for the owner's role or a tier above it; below, the most recently answered ones with their response time.
/// </summary>
/// <remarks>
/// A warning is <em>overdue</em> here once its first deadline has passed unanswered: raised + the rule's response time,
/// the response-time target (≤ 24 h by default). That is also when an answered one is marked late. A reminder or an
/// escalation moves the current deadline on (shown as "answer by"), but not the target, so a chased warning stays
/// marked; the API's <c>overdue</c> compares with the current deadline only.
/// </remarks>
internal static class WarningsPageEndpoints
{
    public const string Path = "/credit/warnings";
    private const int AnsweredShown = 20;

    /// <summary>The order of the page: the most severe first.</summary>
    private static readonly WarningLevel[] Levels = [WarningLevel.Red, WarningLevel.Orange, WarningLevel.Yellow];

    public static RouteGroupBuilder MapWarningsPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapWorkspaceGroup(Path);
        page.MapGet("", ShowAsync).WithName("WarningsPage").WithSummary("The open early warnings by level and age, a page at a time, and the latest answered.");
        page.MapGet("/export.{format}", WarningsExport.DownloadAsync).WithName("WarningsExport").WithSummary("Every open warning of the level filter (not only the page shown), as CSV or Excel (xlsx).");
        page.MapPost("/{warningId}/answer", AnswerAsync).WithName("WarningsPageAnswer").WithSummary("Answers a warning with actions and a comment, as the signed-in user.");
        return page;
    }

    public static async Task<RazorComponentResult<WarningsPage>> ShowAsync(
        HttpContext http, WarningStore warnings, CustomerRepository customers, CreditPolicies policies, TimeProvider clock, string? level, string? page, string? warning)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var flash = CreditMessages.TakeFlash(http);
        if (!TryLevel(level, out var only))
        {
            flash = Flash.Error($"There is no level \"{level}\"; showing every level. Pick red, orange or yellow below.");
        }

        // Every open warning is one partition read (the counts and the overdue chip are of all of them); the page shows 50.
        var now = clock.GetUtcNow();
        var everyOpen = await warnings.ListAsync(cancellationToken: cancellationToken);
        var open = OpenOf(everyOpen, only);
        var paging = Paging.Read(page, open.Count, ref flash);
        if (string.IsNullOrEmpty(page) && open.FindIndex(w => w.Id == warning) is var at and >= 0)
        {
            // The tasks page links to one warning: the page shown is the one holding it.
            paging = paging with { Number = (at / paging.Size) + 1 };
        }

        var shown = paging.Of(open);
        var answered = (await warnings.ListAsync(answered: true, cancellationToken: cancellationToken))
            .Where(w => only is null || w.Level == only).OrderByDescending(w => w.Answer!.At).Take(AnsweredShown).ToList();
        var names = await NamesAsync(shown.Concat(answered).SelectMany(w => new[] { w.CustomerId, w.RaisedThrough }), customers, cancellationToken);
        var book = await policies.BookWithAsync(everyOpen.Concat(answered).Select(w => w.RulesVersion), cancellationToken);
        return new RazorComponentResult<WarningsPage>(new
        {
            UserName = user.Name,
            UserRole = Words(user.Role),
            Only = only,
            Open = shown.Select(w => new WarningCard(w, RaisedUnder.FirstDeadline(w, book), MayAnswer(user, w) ? null : WhoMayAnswer(w.Owner))).ToList(),
            Paging = paging,
            AllCount = everyOpen.Count,
            LevelCounts = Levels.ToDictionary(l => l, l => everyOpen.Count(w => w.Level == l)),
            OverdueCount = everyOpen.Count(w => now > RaisedUnder.FirstDeadline(w, book)),
            Answered = answered.Select(w => new AnsweredWarning(w, RaisedUnder.ResponseTime(w, book))).ToList(),
            AnsweredShown,
            Names = names,
            Now = now,
            CommentMaxChars = AnswerWarningBody.MaxChars,
            Back = Path + http.Request.QueryString,
            Message = PageMessage.From(flash),
        });
    }

    /// <summary>The level filter <paramref name="level"/> names (null for every level, also when none is named); false for no such level.</summary>
    internal static bool TryLevel(string? level, out WarningLevel? only)
    {
        only = null;
        if (string.IsNullOrEmpty(level))
        {
            return true;
        }

        if (Enum.TryParse<WarningLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(level, out _))
        {
            only = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The open warnings the page lists at <paramref name="only"/> (every level when null), in the page's order.</summary>
    internal static List<WarningRecord> OpenOf(IEnumerable<WarningRecord> everyOpen, WarningLevel? only) =>
        everyOpen.Where(w => only is null || w.Level == only).ToList();

    public static async Task<IResult> AnswerAsync(HttpContext http, string warningId, CustomerWarnings answers, WarningStore warnings, CustomerRepository customers, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (await AdminForms.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return WorkspaceNotices.NotAForm(user, "Answer warnings from the warnings page. Nothing was stored.", Path, "Warnings");
        }

        var back = CreditGuard.IsCreditPath(form["back"]) ? form["back"].ToString() : Path;
        if (!ResourceIds.IsPlausible(warningId) || await warnings.GetAsync(warningId, cancellationToken) is not { } warning)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"There is no warning \"{warningId}\". Nothing was stored."));
        }

        var name = (await customers.GetAsync(warning.CustomerId, cancellationToken))?.Value.Name ?? warning.CustomerId;
        var what = $"the {Words(warning.Level)} warning on {name}";
        if (Refused(warning, user, what) is { } early)
        {
            return CreditMessages.RedirectWith(http, back, early);
        }

        var body = new AnswerWarningBody(form["actions"].OfType<string>().ToArray(), form["comment"]);
        var problems = AnswerWarningBody.Validate(body);
        if (!problems.IsEmpty)
        {
            var why = string.Join(" ", problems.ToDictionary().Select(p => p.Key == "actions" && body.Actions is []
                ? $"Actions: tick at least one of {OneOf(warning.ProposedActions.Select(Label))}."
                : $"{Field(p.Key)} {string.Join(" ", p.Value)}"));
            return CreditMessages.RedirectWith(http, back, Flash.Error($"{why} Nothing was stored; {what} stays open."));
        }

        var (stored, refusal) = await answers.AnswerAsync(warning.Id, body.ParsedActions, body.Comment!.Trim(), user.Name, user.Role, clock.GetUtcNow(), cancellationToken);
        if (refusal is null)
        {
            var done = string.Join(", ", stored!.Answer!.Actions.Select(Label));
            return CreditMessages.RedirectWith(http, back, Flash.Ok(
                $"Answered {what} as {user.Name} ({Words(user.Role)}): {done}. Its workflow now completes the answer task and sets the actions going."));
        }

        return CreditMessages.RedirectWith(http, back, refusal switch
        {
            WarningRefusal.ActionNotProposed => Flash.Error($"Actions: choose among those {what} proposes ({OneOf(warning.ProposedActions.Select(Label))}). Nothing was stored."),
            WarningRefusal.NotFound => Flash.Error($"There is no warning \"{warningId}\" any more. Nothing was stored."),
            _ => Refused(stored ?? warning, user, what) ?? Flash.Error($"{Capital(what)} changed while you answered it; nothing was stored. Look at it again below."),
        });
    }

    /// <summary>Why <paramref name="user"/> may not answer <paramref name="warning"/> (answered already, or not theirs), or null.</summary>
    private static Flash? Refused(WarningRecord warning, CreditUser user, string what) =>
        warning.Answer is { } answer
            ? Flash.Error($"{Capital(what)} was already answered by {answer.By} ({Words(answer.Role)}) at {When(answer.At)} UTC: {string.Join(", ", answer.Actions.Select(Label))} — {answer.Comment}. Nothing was stored.")
            : !MayAnswer(user, warning)
                ? Flash.Error($"{Capital(what)} is for {WhoMayAnswer(warning.Owner)} to answer; you are signed in as {user.Name} ({Words(user.Role)}). Nothing was stored.")
                : null;

    /// <summary>As the API: a role allowed to answer warnings at all, and the owner's or a tier above it.</summary>
    private static bool MayAnswer(CreditUser user, WarningRecord warning) =>
        ApiKeyPolicies.AnswerWarningsRoles.Contains(user.Role) && CustomerWarnings.MayAnswer(user.Role, warning.Owner);

    /// <summary>"the credit officer, the credit manager or the credit committee": the owner and the tiers above it.</summary>
    private static string WhoMayAnswer(CreditRole owner)
    {
        var tiers = new List<CreditRole> { owner };
        while (TaskEscalation.EscalatesTo(tiers[^1]) is var next && next != tiers[^1])
        {
            tiers.Add(next);
        }

        return OneOf(tiers.Select(t => "the " + Words(t)));
    }

    private static string Field(string key) => key.StartsWith("actions", StringComparison.Ordinal) ? "Actions:" : "Comment";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
