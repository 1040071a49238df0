using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Reviews;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;
using CreditFlow.Storage.Warnings;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Policies;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Review;

/// <summary>
/// What a review does, each step on what storage says at that moment and safe to repeat: the review is stored once per
/// cycle, and its profile change goes with a decision whose id the cycle names, so a retried step changes nothing twice.
/// </summary>
public sealed class ReviewSteps(
    CreditStore credit,
    ReviewStore reviews,
    DunningStore invoices,
    WarningStore warnings,
    CreditPolicies policies,
    ReviewPolicy policy,
    IOptions<ReviewOptions> options)
{
    private const int Attempts = 5;

    /// <summary>
    /// Gathers the customer's data (the latest application's figures with the payment record from dunning: average days
    /// late, broken promises, disputes), rescores it with the scorecard in force, proposes (<see cref="CustomerReview"/>)
    /// and stores the review. A decrease takes effect at once; a proposal that raises credit comes back with its approval.
    /// </summary>
    public async Task<ReviewResult> ReviewAsync(ReviewStep step, CancellationToken cancellationToken)
    {
        var (customerId, cycle) = (step.Review.CustomerId, step.Review.Cycle);
        if (await credit.Profiles.GetAsync(customerId, cancellationToken) is not { Value: var profile }
            || profile.Status is CreditProfileStatus.Applicant or CreditProfileStatus.Blacklisted)
        {
            return new ReviewResult(true, null, "the customer is not on credit: no more reviews");
        }

        var today = DateOnly.FromDateTime(step.At.UtcDateTime);
        var past = await reviews.ListAsync(customerId, cancellationToken);
        var review = past.FirstOrDefault(r => r.Cycle == cycle);
        if (review is null)
        {
            var figures = await FiguresAsync(customerId, today, cancellationToken);
            var rules = await policies.InEffectOnAsync(today, cancellationToken);
            var score = rules.Scorecard.Score(figures);
            var newClass = score.Score is null ? profile.Class ?? CreditClass.C : rules.Classes.Classify(score, blacklisted: false).Class;
            var earlier = past.Where(r => r.Cycle < cycle).ToArray();
            var raised = (await warnings.ListAsync(customerId: customerId, cancellationToken: cancellationToken))
                .Concat(await warnings.ListAsync(answered: true, customerId: customerId, cancellationToken: cancellationToken))
                .Select(w => w.RaisedAt).ToArray();
            var lastAt = earlier.LastOrDefault()?.ReviewedAt ?? DateTimeOffset.MinValue;
            var beforeAt = earlier.Length > 1 ? earlier[^2].ReviewedAt : DateTimeOffset.MinValue;
            var facts = new ReviewFacts(
                today,
                profile.Status,
                profile.Class,
                profile.Limit,
                newClass,
                LimitFactor(rules.Limits, profile.Class, newClass),
                earlier.Select(r => (DateOnly.FromDateTime(r.ReviewedAt.UtcDateTime), r.FoundClass)).ToArray(),
                raised.Count(at => at > lastAt && at <= step.At),
                earlier.Length == 0 ? 0 : raised.Count(at => at > beforeAt && at <= lastAt),
                earlier.LastOrDefault(r => r.Proposal.PolicyRevision) is { } revised ? DateOnly.FromDateTime(revised.ReviewedAt.UtcDateTime) : null);
            var proposal = CustomerReview.Propose(facts, policy);
            if (score.Score is null)
            {
                proposal = proposal with { Reasons = [$"not rescored, the class kept: {string.Join(", ", score.Missing.Select(m => m.Input))} missing", .. proposal.Reasons] };
            }

            var outcome = proposal.Change switch
            {
                ReviewChange.None => "NoChange",
                ReviewChange.Decrease => "Applied",
                _ => "AwaitingApproval",
            };
            review = await reviews.AddOnceAsync(
                new ReviewRecord(customerId, cycle, step.At, step.Reason, score.Score, $"{score.ModelId}/{score.ModelVersion}", profile.Class, profile.Limit.ToString(), proposal, outcome)
                {
                    PolicyVersion = rules.Version,
                },
                cancellationToken);
        }

        var summary = Summary(review);
        if (review.Proposal.Change == ReviewChange.Decrease)
        {
            await ApplyAsync(review, step.At, "system", $"review {cycle}: {string.Join("; ", review.Proposal.Reasons)} (a decrease takes effect at once)", cancellationToken);
        }
        else if (review.Proposal.Change == ReviewChange.None)
        {
            await DecideOnceAsync(review, "confirmed", step.At, "system", $"review {cycle}: class {review.Proposal.Class} and limit {review.FromLimit} confirmed", string.Join("; ", review.Proposal.Reasons), cancellationToken);
        }

        await reviews.ScheduleAsync(new ReviewSchedule(customerId, step.Review.DueAt, cycle, review.Proposal.NeedsApproval), cancellationToken);
        return new ReviewResult(false, review.Proposal.NeedsApproval ? ApprovalFor(review, await NameOfAsync(customerId, cancellationToken), (await policies.InForceAsync(cancellationToken)).Authority) : null, summary);
    }

    /// <summary>Books the approver's answer: an approved proposal takes effect (with the amount approved, if lower).</summary>
    public async Task DecideAsync(ReviewDecision input, CancellationToken cancellationToken)
    {
        var review = await reviews.GetAsync(input.Review.CustomerId, input.Review.Cycle, cancellationToken)
            ?? throw new InvalidOperationException($"Review {input.Review.Cycle} of {input.Review.CustomerId} was never stored.");
        var decision = input.Decision;
        var approved = decision.Outcome is ApprovalOutcome.Approved or ApprovalOutcome.ApprovedLower;
        var decided = review with { Outcome = approved ? "Approved" : "Refused", DecidedBy = decision.DecidedBy };
        if (approved)
        {
            var limit = decision.ApprovedAmount ?? review.Proposal.Limit;
            decided = decided with { Proposal = decided.Proposal with { Limit = limit } };
            await ApplyAsync(decided, decision.DecidedAt, decision.DecidedBy, $"review {review.Cycle} approved by {decision.DecidedBy} ({decision.DecidedByRole}): {decision.Comment}", cancellationToken);
        }
        else
        {
            await DecideOnceAsync(review, "refused", decision.DecidedAt, decision.DecidedBy, $"review {review.Cycle} proposal refused: {Summary(review)}", $"{decision.DecidedBy} ({decision.DecidedByRole}): {decision.Comment}", cancellationToken);
        }

        await reviews.SaveAsync(decided, cancellationToken);
    }

    /// <summary>The next review: by the class the customer has now and whether a warning is open, at the review time of that day.</summary>
    public async Task<DateTimeOffset> ScheduleAsync(ReviewStep step, CancellationToken cancellationToken)
    {
        var customerId = step.Review.CustomerId;
        var profile = (await credit.Profiles.GetAsync(customerId, cancellationToken))?.Value;
        var warned = (await warnings.ListAsync(customerId: customerId, cancellationToken: cancellationToken)).Count > 0;
        var day = policy.NextReview(DateOnly.FromDateTime(step.At.UtcDateTime), profile?.Class, warned);
        var next = new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(options.Value.ReviewTimeOfDay)), TimeSpan.Zero);
        await reviews.ScheduleAsync(new ReviewSchedule(customerId, next, step.Review.Cycle, false), cancellationToken);
        return next;
    }

    /// <summary>The first review of a customer granted credit on <paramref name="grantedAt"/> in <paramref name="creditClass"/>.</summary>
    public DateTimeOffset FirstReviewAt(DateTimeOffset grantedAt, CreditClass? creditClass) =>
        new(policy.NextReview(DateOnly.FromDateTime(grantedAt.UtcDateTime), creditClass, openWarning: false).ToDateTime(TimeOnly.FromTimeSpan(options.Value.ReviewTimeOfDay)), TimeSpan.Zero);

    /// <summary>The latest application's figures with the payment record as dunning saw it.</summary>
    private async Task<Dictionary<string, decimal>> FiguresAsync(string customerId, DateOnly today, CancellationToken cancellationToken)
    {
        var latest = (await credit.Applications.ListForCustomerAsync(customerId, cancellationToken)).MaxBy(a => a.CreatedAt);
        var figures = new Dictionary<string, decimal>(latest?.FinancialFigures ?? new Dictionary<string, decimal>(), StringComparer.Ordinal);
        var (daysLate, invoiceCount, broken, disputes) = (0, 0, 0, 0);
        string? continuation = null;
        do
        {
            (var page, continuation) = await invoices.ListAsync(customerId, 1000, continuation, cancellationToken);
            foreach (var invoice in page.Where(r => r.DueDate <= today).Select(r => r.History))
            {
                invoiceCount++;
                daysLate += Math.Max(0, (invoice.SettledOn ?? today).DayNumber - invoice.Invoice.DueDate.DayNumber);
                disputes += invoice.Disputes.Count;
                broken += invoice.BrokenPromises(today);
            }
        }
        while (continuation is not null);

        if (invoiceCount > 0)
        {
            // Our own record beats what the customer stated when it applied.
            figures["averageDaysLate"] = Math.Round((decimal)daysLate / invoiceCount, 1);
            figures["brokenPromises"] = broken;
            figures["disputes"] = disputes;
        }

        return figures;
    }

    private static decimal LimitFactor(LimitCoefficients coefficients, CreditClass? from, CreditClass to)
    {
        var before = from is { } f ? coefficients.For(LimitMethod.AnnualSales, f) : 0m;
        return before == 0m ? 1m : coefficients.For(LimitMethod.AnnualSales, to) / before;
    }

    /// <summary>Puts the proposal in force on the profile, with the decision that did it.</summary>
    private async Task ApplyAsync(ReviewRecord review, DateTimeOffset at, string by, string why, CancellationToken cancellationToken)
    {
        var p = review.Proposal;
        var decision = Decision(review, "applied", at, by, $"review {review.Cycle}: class {p.Class}, limit {p.Limit}{(p.Status is CreditProfileStatus.Strategic or CreditProfileStatus.Restricted ? $", {p.Status.ToString().ToLowerInvariant()} credit" : string.Empty)}", why);
        for (var attempt = 1; ; attempt++)
        {
            if (await credit.Decisions.ContainsAsync(decision.CustomerId, decision.Id, decision.DecidedAt, cancellationToken))
            {
                return;
            }

            var current = await credit.Profiles.GetAsync(review.CustomerId, cancellationToken) ?? throw new InvalidOperationException($"Customer {review.CustomerId} has no credit profile.");
            try
            {
                await credit.Profiles.UpdateAsync(current.Value with { Class = p.Class, Limit = p.Limit, Status = p.Status, Score = review.Score ?? current.Value.Score }, current.ETag, decision, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Someone else changed the profile (or an earlier attempt landed): look again.
            }
        }
    }

    private async Task DecideOnceAsync(ReviewRecord review, string what, DateTimeOffset at, string by, string decision, string why, CancellationToken cancellationToken)
    {
        try
        {
            await credit.Decisions.AppendAsync(Decision(review, what, at, by, decision, why), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier attempt of this step.
        }
    }

    private static CreditDecision Decision(ReviewRecord review, string what, DateTimeOffset at, string by, string decision, string why) => new(
        $"review-{review.Cycle.ToString("D6", CultureInfo.InvariantCulture)}-{what}", review.CustomerId, at, by, decision, why,
        JsonSerializer.Serialize(new { review.Cycle, review.Score, FromClass = review.FromClass?.ToString(), review.FromLimit, Proposal = review.Proposal.Change.ToString(), review.Reason }),
        review.ModelVersion, null);

    private static ApprovalRequest ApprovalFor(ReviewRecord review, string name, AuthorityMatrix authority)
    {
        var p = review.Proposal;
        var what = p.Change switch
        {
            ReviewChange.Strategic => "strategic credit",
            ReviewChange.Restricted => "restricted credit",
            _ => $"class {p.Class}",
        };
        return new ApprovalRequest(
            "credit review",
            $"{review.CustomerId}-review-{review.Cycle}",
            review.CustomerId,
            name,
            $"Review {review.Cycle} of {name} proposes {what} with a limit of {p.Limit} (now class {review.FromClass?.ToString() ?? "none"}, {review.FromLimit})",
            p.Limit,
            1,
            Approver(p, authority),
            [
                new ApprovalSection("The review", [
                    new ApprovalFact("Why now", review.Reason),
                    new ApprovalFact("Score", review.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? "not rescored"),
                    new ApprovalFact("Scorecard", review.ModelVersion ?? "—"),
                    new ApprovalFact("Class", $"{review.FromClass?.ToString() ?? "none"} → {p.Class}"),
                    new ApprovalFact("Limit", $"{review.FromLimit} → {p.Limit}"),
                    new ApprovalFact("Findings", string.Join("; ", p.Reasons)),
                ]),
            ],
            "the proposed limit");
    }

    /// <summary>
    /// The tier the proposed limit needs; strategic and restricted credit change how the customer is treated, not only its
    /// amount, so they need the credit manager at least.
    /// </summary>
    private static CreditRole Approver(ReviewProposal proposal, AuthorityMatrix authority)
    {
        var role = authority.TierFor(proposal.Limit).Role;
        return proposal.Change is ReviewChange.Strategic or ReviewChange.Restricted && role == CreditRole.CreditOfficer ? CreditRole.CreditManager : role;
    }

    private static string Summary(ReviewRecord review) =>
        $"review {review.Cycle}: {review.Proposal.Change.ToString().ToLowerInvariant()} — {string.Join("; ", review.Proposal.Reasons)}";

    private async Task<string> NameOfAsync(string customerId, CancellationToken cancellationToken) =>
        (await credit.Customers.GetAsync(customerId, cancellationToken))?.Value.Name ?? customerId;
}
