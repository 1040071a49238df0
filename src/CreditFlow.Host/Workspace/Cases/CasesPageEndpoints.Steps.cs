using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Cases;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Workflows.LegalHandoff;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Workspace.Cases;

/// <summary>
/// The steps taken on <c>/credit/cases/{caseId}</c>: each form posts here, is checked as the API checks its body, goes
/// through <see cref="LegalCases"/> as the signed-in user, and comes back to the case with a message. A step the case
/// cannot take where it stands, or the user's role may not take, is shown as an error and nothing is stored.
/// </summary>
internal static partial class CasesPageEndpoints
{
    public static Task<IResult> AcceptAsync(HttpContext http, string caseId, CaseStore cases, LegalCases legal, IAgencyChannel agencies, TimeProvider clock) =>
        StepAsync(http, caseId, cases, ApiKeyPolicies.AcceptCasesRoles, "accept a case and choose its route", async (form, record, user) =>
        {
            // The agency select is always posted; it only counts on the agency route (the API refuses it on the others).
            var route = form["route"].ToString();
            var body = new AcceptCaseBody(route, string.Equals(route, "agency", StringComparison.OrdinalIgnoreCase) ? form["agency"].ToString() : null, form["comment"]);
            if (Problems(AcceptCaseBody.Validate(body, agencies)) is { } why)
            {
                return Flash.Error($"{why} Case {caseId} still waits for legal; nothing was stored.");
            }

            var accepted = await legal.AcceptAsync(caseId, body.ParsedRoute, body.Agency?.Trim().ToLowerInvariant(), user.Name, body.Comment?.Trim() ?? string.Empty, clock.GetUtcNow(), http.RequestAborted);
            return Flash.Ok(accepted.Route == CaseRoute.Agency
                ? $"Accepted case {caseId} ({accepted.CustomerName}) as {user.Name}: placed with agency {accepted.Agency}. Its workflow now sends the agency the case, signed, with the case file's address."
                : $"Accepted case {caseId} ({accepted.CustomerName}) as {user.Name}: {LegalCase.Words(accepted.Route)}, pursued by legal.");
        });

    public static Task<IResult> RecallAsync(HttpContext http, string caseId, CaseStore cases, LegalCases legal, TimeProvider clock) =>
        ReasonStepAsync(http, caseId, cases, ApiKeyPolicies.ManageCasesRoles, "recall a case from its agency", async (reason, record, user) =>
        {
            await legal.RecallAsync(caseId, user.Name, reason, clock.GetUtcNow(), http.RequestAborted);
            return Flash.Ok($"Recalled case {caseId} from agency {record.Case.Agency} as {user.Name}: {reason}. The agency is told; legal chooses the route again.");
        });

    public static Task<IResult> WriteOffAsync(HttpContext http, string caseId, CaseStore cases, LegalCases legal, TimeProvider clock) =>
        ReasonStepAsync(http, caseId, cases, ApiKeyPolicies.ManageCasesRoles, "propose a write-off", async (reason, record, user) =>
        {
            await legal.ProposeWriteOffAsync(caseId, user.Name, reason, clock.GetUtcNow(), http.RequestAborted);
            return Flash.Ok($"Proposed to write off what is still owed on case {caseId} as {user.Name}: {reason}. The tier whose authority covers the amount is asked; the approval shows here.");
        });

    public static Task<IResult> WithdrawAsync(HttpContext http, string caseId, CaseStore cases, LegalCases legal, TimeProvider clock) =>
        ReasonStepAsync(http, caseId, cases, ApiKeyPolicies.WithdrawCasesRoles, "withdraw a case", async (reason, record, user) =>
        {
            await legal.WithdrawAsync(caseId, user.Name, reason, clock.GetUtcNow(), http.RequestAborted);
            return Flash.Ok($"Withdrew case {caseId} as {user.Name}: {reason}. It is closed without a write-off; the blacklisting stays until the committee lifts it.");
        });

    public static Task<IResult> DecideAsync(HttpContext http, string caseId, CaseStore cases, LegalCases legal, TimeProvider clock) =>
        StepAsync(http, caseId, cases, ApiKeyPolicies.DecideCasesRoles, "decide a settlement or write-off", async (form, record, user) =>
        {
            var body = new CaseDecisionBody(form["outcome"], form["comment"]);
            if (Problems(CaseDecisionBody.Validate(body)) is { } why)
            {
                return Flash.Error($"{why} Nothing was decided.");
            }

            var kind = record.Case.Approval is { } a ? CaseWords.Kind(a.Kind) : "approval";
            await legal.DecideAsync(caseId, body.Approve, body.Comment?.Trim() ?? string.Empty, user.Name, user.Role, clock.GetUtcNow(), http.RequestAborted);
            return Flash.Ok($"{(body.Approve ? "Approved" : "Rejected")} the {kind} of case {caseId} as {user.Name} ({Words(user.Role)}). Its workflow books the decision; the timeline shows it in a moment.");
        });

    /// <summary>
    /// A step on the case: the form read, the case found, the role allowed, then <paramref name="step"/>; back to the case
    /// with its message, or the refusal of the case (<see cref="CaseActionRefusedException"/>) or of the authority.
    /// </summary>
    private static async Task<IResult> StepAsync(
        HttpContext http, string caseId, CaseStore cases, IReadOnlyList<CreditRole> roles, string what, Func<IFormCollection, CaseRecord, CreditUser, Task<Flash>> step)
    {
        var user = CreditGuard.User(http);
        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return NotAForm(user);
        }

        if (!ResourceIds.IsPlausible(caseId) || await cases.GetAsync(caseId, http.RequestAborted) is not { } record)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"There is no legal case \"{caseId}\". Nothing was stored."));
        }

        var back = CasePath(caseId);
        if (!roles.Contains(user.Role))
        {
            return CreditMessages.RedirectWith(http, back, NotYours(user, what, roles));
        }

        try
        {
            return CreditMessages.RedirectWith(http, back, await step(form, record, user));
        }
        catch (CaseDecisionAboveAuthorityException e)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error(CaseWords.Capital(e.Message)));
        }
        catch (CaseActionRefusedException e)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"{CaseWords.Capital(e.Message)}. Nothing was stored."));
        }
    }

    /// <summary>A step that takes only a reason (recall, write-off proposal, withdrawal): a missing one is refused before <paramref name="step"/> runs.</summary>
    private static Task<IResult> ReasonStepAsync(
        HttpContext http, string caseId, CaseStore cases, IReadOnlyList<CreditRole> roles, string what, Func<string, CaseRecord, CreditUser, Task<Flash>> step) =>
        StepAsync(http, caseId, cases, roles, what, (form, record, user) =>
        {
            var body = new CaseReasonBody(form["reason"]);
            return Problems(CaseReasonBody.Validate(body)) is { } why
                ? Task.FromResult(Flash.Error($"{why} Nothing was stored."))
                : step(body.Reason!.Trim(), record, user);
        });
}
