using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Calendar;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Mail;
using Microsoft.DurableTask;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// Onboarding, from the application sales files to granted credit (docs/domain.md "Onboarding"):
/// checks, missing data asked for, scoring, the trial limit approved by the tier it needs, the
/// trial period, scoring again with what the trial showed, the final limit approved, the customer
/// told. A refusal may be reconsidered one tier up. The instance id is the application id.
/// </summary>
public sealed class OnboardingWorkflow : TaskOrchestrator<CreditApplicationRequest, OnboardingOutcome>
{
    /// <inheritdoc />
    public override async Task<OnboardingOutcome> RunAsync(TaskOrchestrationContext context, CreditApplicationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<OnboardingPlan>(nameof(FileApplication), input, StepRetries.Default);
        var run = new Run(context, input, plan);

        // Blacklist, group, integrity, standards, missing data; then the score and the proposal.
        var first = await run.ScreenAndAssessAsync(AssessmentPhase.Trial);
        if (first is null)
        {
            return run.Outcome!;
        }

        // A small trial limit first, approved by the tier the amount needs.
        var trialLimit = first.Class.AllowsCredit()
            ? await run.ApproveAsync(first, first.TrialLimit)
            : await run.RefuseAsync(first, first.TrialLimit, run.LowestRole, $"class D ({first.ClassReason}): no credit", decision: null);
        if (trialLimit is null)
        {
            return run.Outcome!;
        }

        var trialEndsAt = run.Now + plan.TrialPeriod;
        await run.GrantAsync(first, trialLimit.Value, trialEndsAt);

        // The trial: the credit team collects visits, external data and how the trial orders are paid.
        await run.TrialPeriodAsync(trialEndsAt);

        // Scored again with everything the trial showed; the final limit goes through approval.
        var final = await run.ScreenAndAssessAsync(AssessmentPhase.Final);
        if (final is null)
        {
            return run.Outcome!;
        }

        var finalLimit = final.Class.AllowsCredit()
            ? await run.ApproveAsync(final, final.ProposedLimit)
            : await run.RefuseAsync(final, final.ProposedLimit, run.LowestRole, $"class D after the trial ({final.ClassReason}): no credit", decision: null);
        if (finalLimit is null)
        {
            return run.Outcome!;
        }

        await run.GrantAsync(final, finalLimit.Value, trialEndsAt: null);
        return new OnboardingOutcome(ApplicationStatus.Granted, "credit granted", finalLimit, final.Class);
    }

    /// <summary>One round of checks and scoring: the assessment, or whether data arrived and the checks start again.</summary>
    private sealed record Round(CreditAssessment? Assessment, bool DataArrived)
    {
        public static readonly Round Ended = new(null, DataArrived: false);

        public static readonly Round AskedAgain = new(null, DataArrived: true);
    }

    /// <summary>One onboarding's state as it runs: the application with every figure supplied so far, and the approvals.</summary>
    private sealed class Run(TaskOrchestrationContext context, CreditApplicationRequest application, OnboardingPlan plan)
    {
        private readonly AuthorityMatrix _authority = plan.Authority();
        private readonly WorkingCalendar _calendar = new(plan.Weekend);
        private readonly List<ApprovalDecision> _approvals = [];
        private CreditApplicationRequest _application = application;
        private int _approvalSteps;
        private int _refusals;

        public OnboardingOutcome? Outcome { get; private set; }

        public DateTimeOffset Now => context.UtcNow();

        public CreditRole LowestRole => _authority.Tiers[0].Role;

        private string Id => _application.ApplicationId;

        /// <summary>Checks, asks for what is missing, scores. Null when the application ended (refused or given up).</summary>
        public async Task<CreditAssessment?> ScreenAndAssessAsync(AssessmentPhase phase)
        {
            Progress(ApplicationStatus.InReview, phase == AssessmentPhase.Trial ? "checking and scoring the application" : "scoring again after the trial");
            Round round;

            // Each round that asked sales for data and got it checks everything again; giving up ends the rounds.
            do
            {
                round = await ScreenAndAssessOnceAsync(phase);
            }
            while (round.DataArrived);

            return round.Assessment;
        }

        private async Task<Round> ScreenAndAssessOnceAsync(AssessmentPhase phase)
        {
            var screening = await context.CallActivityAsync<Screening>(nameof(ScreenApplication), _application, StepRetries.Default);
            if (screening.Refusal is { } refusal)
            {
                // Blacklist and integrity refusals are the rules' own; they end the application.
                await RecordRefusalAsync(ApplicationStatus.Rejected, refusal, decision: null, reconsiderUntil: null);
                return Round.Ended;
            }

            if (screening.Missing.Count > 0)
            {
                return await WaitForDataAsync(screening.Missing) ? Round.AskedAgain : Round.Ended;
            }

            var assessment = await context.CallActivityAsync<CreditAssessment>(nameof(AssessApplication), new AssessmentInput(_application, phase), StepRetries.Default);
            if (assessment.BelowCreditStandard && assessment.Class.AllowsCredit() && string.IsNullOrWhiteSpace(_application.BelowStandardReason))
            {
                return await WaitForDataAsync([$"belowStandardReason: class {assessment.Class} is below the credit standard; a written reason from sales is required"])
                    ? Round.AskedAgain
                    : Round.Ended;
            }

            await context.CallActivityAsync(nameof(RecordAssessment), new AssessmentRecord(_application, assessment, _approvals.ToArray(), Now), StepRetries.Default);
            return new Round(assessment, DataArrived: false);
        }

        /// <summary>
        /// Every approval the amount needs (one tier, or each tier up to it where cumulative). A
        /// lower amount approved carries on to the next tier. Null when refused for good.
        /// </summary>
        public async Task<Money?> ApproveAsync(CreditAssessment assessment, Money amount)
        {
            foreach (var step in _authority.ApprovalSteps(amount))
            {
                var decision = await AskAsync(assessment, amount, step.Role, reconsideration: null);
                if (decision.Outcome == ApprovalOutcome.Rejected)
                {
                    return await RefuseAsync(assessment, amount, decision.DecidedByRole, $"refused by the {decision.DecidedByRole}", decision);
                }

                amount = decision.ApprovedAmount ?? amount;
            }

            return amount;
        }

        /// <summary>
        /// Records a refusal and offers reconsideration one tier up until the window closes; the
        /// top tier hears its own refusal once. The amount a reconsideration approved, or null.
        /// </summary>
        public async Task<Money?> RefuseAsync(CreditAssessment assessment, Money amount, CreditRole refusedBy, string reason, ApprovalDecision? decision)
        {
            var refusedTier = _authority.TierOf(refusedBy) ?? _authority.Tiers[0];
            var reconsidered = false;
            while (true)
            {
                // Nobody is above the top tier: it hears its own refusal once, then the refusal is final.
                var final = plan.ReconsiderationWindow == TimeSpan.Zero || (reconsidered && refusedTier == _authority.Top);
                DateTimeOffset? until = final ? null : Now + plan.ReconsiderationWindow;
                await RecordRefusalAsync(ApplicationStatus.Rejected, reason, decision, until);
                if (until is null)
                {
                    return null;
                }

                var request = await EventBeforeAsync<ReconsiderationRequest>(OnboardingEvents.ReconsiderationRequested, until.Value);
                if (request is null)
                {
                    return null;
                }

                var hearingTier = _authority.ReconsiderationTier(refusedTier);
                decision = await AskAsync(assessment, amount, hearingTier.Role, request);
                reconsidered = true;
                if (decision.Outcome != ApprovalOutcome.Rejected)
                {
                    return decision.ApprovedAmount ?? amount;
                }

                // An unanswered hearing escalates inside the approval, so the refusing tier is whoever answered.
                refusedTier = _authority.TierOf(decision.DecidedByRole) ?? hearingTier;
                reason = $"reconsideration refused by the {decision.DecidedByRole}";
            }
        }

        /// <summary>Grants the trial limit (with the trial's end) or the final limit, and tells the customer.</summary>
        public async Task GrantAsync(CreditAssessment assessment, Money limit, DateTimeOffset? trialEndsAt)
        {
            await context.CallActivityAsync(nameof(RecordGrant), new GrantRecord(
                _application, assessment, limit, assessment.TermDays, assessment.Conditions, _approvals.ToArray(), Now, trialEndsAt), StepRetries.Default);
            var letter = trialEndsAt is { } end
                ? OnboardingLetters.TrialGranted(_application, limit, assessment.TermDays, assessment.Conditions, end)
                : OnboardingLetters.CreditGranted(_application, limit, assessment.TermDays, assessment.Conditions);
            await context.CallActivityAsync(nameof(SendOnboardingMail), letter with { MailKey = MailKey.New(context) }, StepRetries.Default);
            Progress(
                trialEndsAt is null ? ApplicationStatus.Granted : ApplicationStatus.Trial,
                trialEndsAt is { } until ? $"trial limit {limit} until {until:yyyy-MM-dd}" : $"credit granted: {limit}",
                trialEndsAt: trialEndsAt);
        }

        /// <summary>Waits out the trial; figures the credit team sends meanwhile count in the final scoring.</summary>
        public async Task TrialPeriodAsync(DateTimeOffset trialEndsAt)
        {
            while (await EventBeforeAsync<SuppliedData>(OnboardingEvents.DataSupplied, trialEndsAt) is { } data)
            {
                _application = Merge(_application, data);
                await context.CallActivityAsync(nameof(StoreSuppliedData), new SuppliedDataUpdate(_application, ApplicationStatus.Trial), StepRetries.Default);
            }
        }

        private async Task<ApprovalDecision> AskAsync(CreditAssessment assessment, Money amount, CreditRole role, ReconsiderationRequest? reconsideration)
        {
            _approvalSteps++;
            var approvalId = $"{Id}-approval-{_approvalSteps}";
            var what = assessment.Phase == AssessmentPhase.Trial ? "Trial limit" : "Final limit";
            Progress(ApplicationStatus.WaitingForApproval, $"waiting for the {role} (step {_approvalSteps}){(reconsideration is null ? string.Empty : ", reconsideration")}", approvalId);
            await context.CallActivityAsync(nameof(SetApplicationStatus), new ApplicationStatusChange(Id, ApplicationStatus.WaitingForApproval), StepRetries.Default);
            var exposure = await context.CallActivityAsync<ExposureSnapshot?>(nameof(ReadExposure), new ExposureQuery(_application.Customer.Id, Now), StepRetries.Default);
            var decision = await context.CallSubOrchestratorAsync<ApprovalDecision>(
                nameof(ApprovalWorkflow),
                new ApprovalRequest(
                    "credit application", Id, _application.Customer.Id, _application.Customer.Name,
                    $"{what} for {_application.Customer.Name}{(reconsideration is null ? string.Empty : " (reconsideration)")}",
                    amount, _approvalSteps, role, ApprovalFacts.For(_application, assessment, amount, exposure, _approvals, reconsideration),
                    ApprovalFacts.AmountNote(assessment.Phase, _application.RequestedLimit)),
                new SubOrchestrationOptions { InstanceId = approvalId });
            _approvals.Add(decision);
            return decision;
        }

        /// <summary>Asks sales for what is missing, reminds, and gives up when nothing comes. True when data arrived.</summary>
        private async Task<bool> WaitForDataAsync(IReadOnlyList<string> missing)
        {
            var askedAt = Now;
            var giveUpAt = _calendar.AddWorkingDays(askedAt, plan.DataGiveUpAfterWorkingDays);
            Progress(ApplicationStatus.WaitingForData, $"waiting for data from sales until {giveUpAt:yyyy-MM-dd}", missing: missing);
            await context.CallActivityAsync(nameof(SetApplicationStatus), new ApplicationStatusChange(Id, ApplicationStatus.WaitingForData), StepRetries.Default);
            await context.CallActivityAsync(nameof(SendOnboardingMail), OnboardingLetters.AskForData(_application, missing, giveUpAt, reminder: false) with { MailKey = MailKey.New(context) }, StepRetries.Default);

            var wakeAt = Earliest(_calendar.AddWorkingDays(askedAt, plan.DataReminderAfterWorkingDays), giveUpAt);
            SuppliedData? data;
            while ((data = await EventBeforeAsync<SuppliedData>(OnboardingEvents.DataSupplied, wakeAt)) is null)
            {
                if (wakeAt >= giveUpAt)
                {
                    await RecordRefusalAsync(ApplicationStatus.Abandoned, $"the missing data did not arrive by {giveUpAt:yyyy-MM-dd}: {string.Join("; ", missing)}", null, null);
                    return false;
                }

                await context.CallActivityAsync(nameof(SendOnboardingMail), OnboardingLetters.AskForData(_application, missing, giveUpAt, reminder: true) with { MailKey = MailKey.New(context) }, StepRetries.Default);
                wakeAt = Earliest(_calendar.AddWorkingDays(wakeAt, plan.DataReminderAfterWorkingDays), giveUpAt);
            }

            _application = Merge(_application, data);
            await context.CallActivityAsync(nameof(StoreSuppliedData), new SuppliedDataUpdate(_application, ApplicationStatus.InReview), StepRetries.Default);
            Progress(ApplicationStatus.InReview, "data received; checking again");
            return true;
        }

        private async Task RecordRefusalAsync(ApplicationStatus status, string reason, ApprovalDecision? decision, DateTimeOffset? reconsiderUntil)
        {
            _refusals++;
            await context.CallActivityAsync(nameof(RecordRefusal), new RefusalRecord(_application, status, reason, _refusals, decision, Now), StepRetries.Default);
            var letter = status == ApplicationStatus.Abandoned
                ? OnboardingLetters.Abandoned(_application, [reason])
                : OnboardingLetters.Refused(_application, decision is { Comment: { Length: > 0 } c } ? $"{reason}: {c}" : reason, reconsiderUntil);
            await context.CallActivityAsync(nameof(SendOnboardingMail), letter with { MailKey = MailKey.New(context) }, StepRetries.Default);
            Progress(status, reason, reconsiderationUntil: reconsiderUntil);
            Outcome = new OnboardingOutcome(status, reason);
        }

        private async Task<T?> EventBeforeAsync<T>(string name, DateTimeOffset until)
            where T : class
        {
            var now = Now;
            if (now >= until)
            {
                return null;
            }

            try
            {
                return await context.WaitForExternalEvent<T>(name, until - now);
            }
            catch (TaskCanceledException)
            {
                return null;
            }
        }

        private void Progress(
            ApplicationStatus stage, string detail, string? approvalInstanceId = null, IReadOnlyList<string>? missing = null,
            DateTimeOffset? trialEndsAt = null, DateTimeOffset? reconsiderationUntil = null) =>
            context.SetCustomStatus(new OnboardingProgress(stage.ToString(), detail, approvalInstanceId, missing, trialEndsAt, reconsiderationUntil));

        private static CreditApplicationRequest Merge(CreditApplicationRequest application, SuppliedData data)
        {
            var figures = new Dictionary<string, decimal>(application.FinancialFigures, StringComparer.Ordinal);
            foreach (var (name, value) in data.FinancialFigures)
            {
                figures[name] = value;
            }

            return application with
            {
                FinancialFigures = figures,
                BelowStandardReason = string.IsNullOrWhiteSpace(data.BelowStandardReason) ? application.BelowStandardReason : data.BelowStandardReason,
            };
        }

        private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
