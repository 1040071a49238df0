using System.Globalization;
using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.Review;
using CreditFlow.Domain.Policies;
using CreditFlow.Workflows.Policies;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Warnings;

/// <summary>
/// What a warning's workflow does, each step on what storage says at that moment and safe to repeat: the warning,
/// its tasks, decisions and mails are keyed by the warning, so a retried step writes each once.
/// </summary>
public sealed class WarningSteps(
    CreditPolicies policies,
    WarningStore warnings,
    CreditTaskStore tasks,
    CreditStore credit,
    CustomerLedgerStore ledgers,
    IWorkflowMail mail,
    ApproverDirectory people,
    CustomerWarnings starts,
    CustomerReviews reviews,
    IOptions<WarningOptions> options)
{
    /// <summary>
    /// Evaluates the signal; when a rule fires, stores the warning, asks its owner to answer by the deadline, freezes the
    /// limit when the rule says so and raises the warning on the rest of the customer's group.
    /// </summary>
    public async Task<WarningDeadline> RaiseAsync(WarningSignal input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Response time runs from when the warning is raised: a signal the provider observed days ago still gets its full day.
        var signal = input.Signal with { ObservedAt = now };
        var name = await NameOfAsync(input.Signal.CustomerId, cancellationToken);

        // A retried raise whose warning was stored goes on with it, whatever the rules in force say by now.
        var warning = await warnings.GetAsync(input.InstanceId, cancellationToken);
        if (warning is null)
        {
            var policy = await policies.VersionOrInForceAsync(input.RulesVersion, cancellationToken);
            if (policy.Warnings.Evaluate([signal]) is not [var fired, ..])
            {
                return new WarningDeadline(NoRuleFired: true, Answered: false, null);
            }

            var reason = input.RaisedThrough is { } member ? $"{Observed(fired)} (raised on {member}, a company of the same group)" : Observed(fired);
            var candidate = new WarningRecord(
                input.InstanceId, input.Signal.CustomerId, fired.Level, fired.Rule, reason, input.Signal, input.SignalId, fired.Actions, now, fired.Responsible, fired.RespondBy, input.RaisedThrough)
            {
                RulesVersion = policy.Version,
            };

            // Frozen before the warning is stored, so a warning anyone can see has its freeze in force. The rest of a group is
            // warned, not frozen: its owners decide that in their answer.
            if (candidate.ProposedActions.Contains(ResponseAction.FreezeLimit) && input.RaisedThrough is null && !input.FreezeIsDunnings)
            {
                await FreezeAsync(candidate, now, cancellationToken);
            }

            warning = await warnings.AddOnceAsync(candidate, cancellationToken);
        }

        if (!warning.IsOpen)
        {
            return new WarningDeadline(false, Answered: true, null);
        }

        await AskAsync(warning, warning.Owner, name, now, cancellationToken);
        await DecideOnceAsync(warning, "raised", warning.RaisedAt, $"{warning.Level.ToString().ToLowerInvariant()} warning raised: {warning.Rule}", warning.Reason, cancellationToken);
        if (warning.Level == WarningLevel.Red)
        {
            // A red warning opens a review at once (a customer not on credit has none to open).
            await reviews.RequestAsync(warning.CustomerId, $"red warning: {warning.Reason}", cancellationToken);
        }

        if (input.RaisedThrough is null)
        {
            foreach (var other in await GroupOfAsync(input.Signal.CustomerId, cancellationToken))
            {
                await starts.StartAsync(new WarningSignal(input.SignalId, input.Signal with { CustomerId = other }, input.Signal.CustomerId, input.FreezeIsDunnings, warning.RulesVersion), cancellationToken);
            }
        }

        return new WarningDeadline(false, false, warning.RespondBy);
    }

    /// <summary>
    /// The deadline passed unanswered: the owner is reminded and given <see cref="WarningOptions.ReminderGrace"/>; an owner
    /// already reminded loses the warning to the next tier, which gets the rule's full response time. The top tier is
    /// reminded again after each response time.
    /// </summary>
    public async Task<WarningDeadline> ChaseAsync(WarningSignal input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var warning = await warnings.GetAsync(input.InstanceId, cancellationToken) ?? throw new InvalidOperationException($"Warning '{input.InstanceId}' was never stored.");
        if (!warning.IsOpen)
        {
            return new WarningDeadline(false, Answered: true, null);
        }

        var responseTime = RaisedUnder.ResponseTime(warning, await policies.BookWithAsync([warning.RulesVersion], cancellationToken));
        var next = TaskEscalation.EscalatesTo(warning.Owner);
        var escalate = warning.OwnerReminded && next != warning.Owner;
        var chase = escalate
            ? new WarningChase(now, next, Escalated: true, now + responseTime)
            : new WarningChase(now, warning.Owner, Escalated: false, now + (warning.OwnerReminded ? responseTime : options.Value.ReminderGrace));
        try
        {
            warning = await warnings.UpdateOpenAsync(warning with { Owner = chase.To, RespondBy = chase.RespondBy, Chases = [.. warning.Chases, chase] }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Answered (or chased by an earlier attempt of this step) meanwhile: look again.
            return await warnings.GetAsync(input.InstanceId, cancellationToken) is { IsOpen: true } current
                ? new WarningDeadline(false, false, current.RespondBy)
                : new WarningDeadline(false, true, null);
        }

        var name = await NameOfAsync(warning.CustomerId, cancellationToken);
        if (escalate)
        {
            await AskAsync(warning, chase.To, name, now, cancellationToken);
            await DecideOnceAsync(warning, $"escalated-{warning.Chases.Count}", now, $"{Level(warning)} warning escalated to the {Words(chase.To)}",
                $"the {Words(warning.Chases[^2].To)} did not answer by {warning.Chases[^2].RespondBy:yyyy-MM-dd HH:mm} UTC", cancellationToken);
        }
        else
        {
            await mail.SendAsync(Reminder(warning, name, chase), $"{warning.Id}|chase-{warning.Chases.Count}", cancellationToken);
        }

        return new WarningDeadline(false, false, chase.RespondBy);
    }

    /// <summary>
    /// The warning was answered: its open tasks are completed with the answer, the answer lands in the decision log with
    /// the response time, and each action chosen is set going (the limit frozen, or a task for whoever does it).
    /// </summary>
    public async Task CloseAsync(WarningSignal input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var warning = await warnings.GetAsync(input.InstanceId, cancellationToken) ?? throw new InvalidOperationException($"Warning '{input.InstanceId}' was never stored.");
        var answer = warning.Answer ?? throw new InvalidOperationException($"Warning '{warning.Id}' is not answered.");
        var outcome = $"Answered by {answer.By} ({Words(answer.Role)}): {string.Join(", ", answer.Actions.Select(Words))} — {answer.Comment}";
        foreach (var task in await tasks.ListAsync(customerId: warning.CustomerId, cancellationToken: cancellationToken))
        {
            if (task.Id.StartsWith(warning.Id + "|", StringComparison.Ordinal))
            {
                try
                {
                    await tasks.CompleteAsync(task, outcome, answer.By, answer.At, cancellationToken);
                }
                catch (ConcurrencyConflictException)
                {
                    // Completed by an earlier attempt of this step.
                }
            }
        }

        var took = answer.At - warning.RaisedAt;
        await DecideOnceAsync(warning, "answered", answer.At, $"{Level(warning)} warning answered: {string.Join(", ", answer.Actions.Select(Words))}",
            $"{answer.Comment} (answered in {Duration(took)}; the rule asks within {Duration(RaisedUnder.ResponseTime(warning, await policies.BookWithAsync([warning.RulesVersion], cancellationToken)))})", cancellationToken);
        var name = await NameOfAsync(warning.CustomerId, cancellationToken);
        foreach (var action in answer.Actions)
        {
            if (action == ResponseAction.FreezeLimit)
            {
                await FreezeAsync(warning, answer.At, cancellationToken);
            }
            else if (action == ResponseAction.CreditReview && await reviews.RequestAsync(warning.CustomerId, $"{Level(warning)} warning answered by {answer.By}: {answer.Comment}", cancellationToken))
            {
                // The review workflow re-rates the customer now; no task needed.
            }
            else if (ActionTask(action, name, warning) is { } work)
            {
                await tasks.AddOnceAsync(new CreditTask($"{warning.Id}|action-{action}", work.Title, work.Role, warning.CustomerId, null, now, now + work.Within), cancellationToken);
            }
        }
    }

    /// <summary>The work an answer's action asks of a person, or null for one that is only recorded.</summary>
    private static (string Title, CreditRole Role, TimeSpan Within)? ActionTask(ResponseAction action, string name, WarningRecord warning)
    {
        var why = $"{Level(warning)} warning: {warning.Rule}";
        return action switch
        {
            ResponseAction.Collection => ($"Collect what {name} owes, together with sales ({why})", CreditRole.CreditOfficer, TimeSpan.FromDays(1)),
            ResponseAction.LegalInvolvement => ($"Review the case and contracts of {name} and advise on a legal case ({why})", CreditRole.Legal, TimeSpan.FromDays(2)),
            ResponseAction.AssetPreservation => ($"Secure the assets of {name} before litigation ({why})", CreditRole.Legal, TimeSpan.FromDays(1)),
            ResponseAction.LossStopPlan => ($"Draw up the loss-stop plan for {name} ({why})", CreditRole.CreditManager, TimeSpan.FromDays(2)),
            ResponseAction.Litigation => ($"Prepare litigation or arbitration against {name} ({why})", CreditRole.Legal, TimeSpan.FromDays(5)),
            ResponseAction.CreditReview => ($"Review the rating, limit and terms of {name} ({why})", CreditRole.CreditOfficer, TimeSpan.FromDays(5)),
            ResponseAction.CustomerVisit => ($"Visit {name} to find out what is going on ({why})", CreditRole.SalesRep, TimeSpan.FromDays(5)),
            _ => null,
        };
    }

    /// <summary>A task for <paramref name="role"/> to answer the warning by its current deadline, and a mail telling them.</summary>
    private async Task AskAsync(WarningRecord warning, CreditRole role, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var title = $"Answer the {Level(warning)} warning on {name}: {warning.Reason}";
        await tasks.AddOnceAsync(new CreditTask($"{warning.Id}|answer-{role}", title, role, warning.CustomerId, null, now, warning.RespondBy), cancellationToken);
        var due = warning.RespondBy.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var actions = string.Join(", ", warning.ProposedActions.Select(Words));
        var text = $"A {Level(warning)} warning was raised on {name} ({warning.CustomerId}): {warning.Reason}.\n\n"
            + $"Please answer by {due} on the warnings page (/credit/warnings), choosing among: {actions}.";
        var html = $"<p>A <b>{Level(warning)}</b> warning was raised on {WebUtility.HtmlEncode(name)} ({WebUtility.HtmlEncode(warning.CustomerId)}): {WebUtility.HtmlEncode(warning.Reason)}.</p>"
            + $"<p>Please answer by <b>{WebUtility.HtmlEncode(due)}</b> on the warnings page (/credit/warnings), choosing among: {WebUtility.HtmlEncode(actions)}.</p>";
        await mail.SendAsync(new WorkflowMail(people.AddressOf(role), $"{Capital(Level(warning))} warning on {name}: answer by {due}", html, text, []), $"{warning.Id}|ask-{role}", cancellationToken);
    }

    private WorkflowMail Reminder(WarningRecord warning, string name, WarningChase chase)
    {
        var due = chase.RespondBy.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var next = TaskEscalation.EscalatesTo(chase.To);
        var then = next == chase.To ? string.Empty : $" Unanswered by then, it goes to the {Words(next)}.";
        var text = $"The {Level(warning)} warning on {name} ({warning.CustomerId}) has not been answered: {warning.Reason}.\n\nPlease answer by {due} on /credit/warnings.{then}";
        var html = $"<p>The <b>{Level(warning)}</b> warning on {WebUtility.HtmlEncode(name)} ({WebUtility.HtmlEncode(warning.CustomerId)}) has not been answered: {WebUtility.HtmlEncode(warning.Reason)}.</p>"
            + $"<p>Please answer by <b>{WebUtility.HtmlEncode(due)}</b> on /credit/warnings.{WebUtility.HtmlEncode(then)}</p>";
        return new WorkflowMail(people.AddressOf(chase.To), $"Reminder: {Level(warning)} warning on {name} unanswered, answer by {due}", html, text, []);
    }

    private async Task FreezeAsync(WarningRecord warning, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ledger = await ledgers.ReadAsync(warning.CustomerId, [], cancellationToken);
        if (ledger.Terms.LimitFrozen)
        {
            return;
        }

        try
        {
            await ledgers.SetTermsAsync(warning.CustomerId, ledger.Terms with { LimitFrozen = true }, Decision(warning, "freeze", at, "credit limit frozen: new orders are held", $"{Level(warning)} warning: {warning.Reason}"), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Frozen by an earlier attempt of this step.
        }
    }

    private async Task DecideOnceAsync(WarningRecord warning, string what, DateTimeOffset at, string decision, string why, CancellationToken cancellationToken)
    {
        try
        {
            await credit.Decisions.AppendAsync(Decision(warning, what, at, decision, why), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier attempt of this step.
        }
    }

    /// <summary>Ids start with <c>warning-</c> and freezes end with <c>-freeze</c>, which is how dunning tells a warning's freeze from its own.</summary>
    private static CreditDecision Decision(WarningRecord warning, string what, DateTimeOffset at, string decision, string why) => new(
        $"warning-{warning.SignalId}-{what}", warning.CustomerId, at, warning.Answer?.By ?? "warnings", decision, why,
        JsonSerializer.Serialize(new { warning.Id, warning.Rule, Level = warning.Level.ToString(), Signal = warning.Signal.Kind.ToString(), warning.Signal.Value }), null, null);

    private async Task<string> NameOfAsync(string customerId, CancellationToken cancellationToken) =>
        (await credit.Customers.GetAsync(customerId, cancellationToken))?.Value.Name ?? customerId;

    /// <summary>The other customers with the same actual controller; none when it is unknown.</summary>
    private async Task<IReadOnlyList<string>> GroupOfAsync(string customerId, CancellationToken cancellationToken)
    {
        if ((await credit.Customers.GetAsync(customerId, cancellationToken))?.Value.ActualController is not { } controller)
        {
            return [];
        }

        return (await credit.Customers.ListByActualControllerAsync(controller, cancellationToken)).Select(c => c.Id).Where(id => id != customerId).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The rule with what was measured, e.g. "main shareholder pledged over half its equity: 62.5%" or "promises to pay broken: 2"; an event is its rule.</summary>
    private static string Observed(CreditWarning fired)
    {
        var value = fired.Signal.Value.ToString("0.##", CultureInfo.InvariantCulture);
        return fired.Signal.Kind switch
        {
            SignalKind.EquityPledgedPercent or SignalKind.OrderVolumeDropPercent => $"{fired.Rule}: {value}%",
            SignalKind.DaysOverdue or SignalKind.PaymentDaysLengthening => $"{fired.Rule}: {value} days",
            SignalKind.BrokenPromises or SignalKind.ShortPayments or SignalKind.DisputesRising => $"{fired.Rule}: {value}",
            _ => fired.Rule,
        };
    }

    private static string Level(WarningRecord warning) => warning.Level.ToString().ToLowerInvariant();

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Words<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Duration(TimeSpan span) => span.TotalHours >= 48
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days")
        : span.TotalMinutes >= 90 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} hours") : $"{Math.Max(0, (int)span.TotalMinutes)} minutes";
}
