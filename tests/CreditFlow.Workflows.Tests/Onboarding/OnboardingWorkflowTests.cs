using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Scoring;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.Tests.Testing;

namespace CreditFlow.Workflows.Tests.Onboarding;

/// <summary>
/// Onboarding end to end on the real runtime and storage, once per engine (<see cref="OnboardingWorkflowTests"/>,
/// <see cref="OnboardingWorkflowOnAzureStorageTests"/>): business time moves by a fake clock on CreditFlow's engine
/// and by the wall clock, with short durations, on Microsoft's.
/// </summary>
public abstract class OnboardingWorkflowContract
{
    private protected static readonly string Officer = OnboardingSteps.ApproverOf(CreditRole.CreditOfficer);
    private protected static readonly string Manager = OnboardingSteps.ApproverOf(CreditRole.CreditManager);

    private protected abstract WorkflowEngine Engine { get; }

    private protected Task<WorkflowTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => WorkflowTestHost.StartAsync(Engine, settings);

    [Fact]
    public async Task SoundApplication_TrialApproved_NinetyDaysLater_RescoredAndFinalLimitGranted()
    {
        await using var host = await StartAsync();
        var application = Applications.Sound("Acme Electronics");

        await host.FileAsync(application);
        var trialAsk = await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Approved);
        var trial = await host.StageAsync(application.ApplicationId, "Trial");

        // The trial limit (100,000 by the new-customer policy) is the credit officer's to approve,
        // shown with the score, the proposal and the (still empty) exposure.
        Assert.Equal(CreditRole.CreditOfficer, trialAsk.Role);
        var asked = (await host.Client.GetInstanceAsync($"{application.ApplicationId}-approval-1", getInputsAndOutputs: true))!.ReadInputAs<ApprovalRequest>()!;
        Assert.Equal(Money.Of(100_000m, "CNY"), asked.ProposedAmount);
        Assert.Contains(asked.Sections.Single(s => s.Title == "Proposal").Facts, f => f.Label == "Proposed final limit" && f.Value.StartsWith("800,000.00 CNY", StringComparison.Ordinal));
        Assert.Equal("none: nothing booked for this customer yet", asked.Sections.Single(s => s.Title == "Exposure").Facts[0].Value);
        Assert.Equal(Officer, (await host.WaitForMailAsync(Officer)).First().To);

        // The mail says the amount is the trial limit, not what was asked for, and what was.
        Assert.Contains("Amount: 100,000.00 CNY — trial limit (requested: 800,000.00 CNY)", (await host.WaitForMailAsync(Officer)).First().TextBody, StringComparison.Ordinal);
        Assert.InRange(trial.TrialEndsAt!.Value, host.StartedAt + host.Onboarding.TrialPeriod, host.Now + host.Onboarding.TrialPeriod);
        var onTrial = (await host.Store.Profiles.GetAsync(application.Customer.Id))!.Value;
        Assert.Equal(CreditProfileStatus.Trial, onTrial.Status);
        Assert.Equal(Money.Of(100_000m, "CNY"), onTrial.Limit);
        Assert.Contains("guarantee", onTrial.Conditions, StringComparison.Ordinal);

        // Nothing happens before the trial ends; at its end the customer is scored again and the final limit asked for.
        host.Pass(host.Onboarding.TrialPeriod);
        var finalAsk = await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.ApprovedLower, Money.Of(600_000m, "CNY"), "start lower", step: 2);
        var outcome = (await host.CompletionAsync(application.ApplicationId)).ReadOutputAs<OnboardingOutcome>()!;

        Assert.Equal(CreditRole.CreditOfficer, finalAsk.Role);
        Assert.Contains(host.Mail.To(Officer), m => m.Subject.Contains("Final limit", StringComparison.Ordinal) && m.TextBody.Contains("— final limit (requested: 800,000.00 CNY)", StringComparison.Ordinal));
        Assert.Equal(ApplicationStatus.Granted, outcome.Status);
        Assert.Equal(Money.Of(600_000m, "CNY"), outcome.Limit);
        var expectedClass = CreditClassBands.Default.Classify(ScorecardModel.MultiDimension.Score(Applications.SoundFigures), false).Class;
        var profile = (await host.Store.Profiles.GetAsync(application.Customer.Id))!.Value;
        Assert.Equal(CreditProfileStatus.Active, profile.Status);
        Assert.Equal(Money.Of(600_000m, "CNY"), profile.Limit);
        Assert.Equal(expectedClass, profile.Class);
        Assert.Equal(60, profile.TermDays);
        var report = await host.Store.Reports.GetAsync(profile.CreditReportBlob!);
        Assert.Contains("Final assessment after the trial period", report, StringComparison.Ordinal);
        Assert.Contains("start lower", report, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Granted, (await host.Store.Applications.GetAsync(application.ApplicationId))!.Value.Status);

        // Decisions made at the same instant list in id order; what matters is that each is there, by whom.
        var decisions = await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id);
        Assert.Equal(5, decisions.Count);
        Assert.Equal("sales-api-key", Assert.Single(decisions, d => d.What.StartsWith("credit application filed", StringComparison.Ordinal)).DecidedBy);
        Assert.Equal(2, decisions.Count(d => d.What.StartsWith("scored", StringComparison.Ordinal) && d.ModelVersion == "multi-dimension/1"));
        Assert.Equal(Officer, Assert.Single(decisions, d => d.What.StartsWith("trial granted", StringComparison.Ordinal)).DecidedBy);
        var granted = Assert.Single(decisions, d => d.What.StartsWith("credit granted", StringComparison.Ordinal));
        Assert.Equal(Officer, granted.DecidedBy);
        Assert.Contains("600,000.00 CNY", granted.What, StringComparison.Ordinal);

        var toCustomer = host.Mail.To(application.Customer.ContactEmail);
        Assert.Equal(["Your trial credit terms", "Your credit terms"], toCustomer.Select(m => m.Subject).ToArray());
        Assert.Contains("600,000.00 CNY", toCustomer[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficerRefuses_SalesAsksReconsideration_ManagerApproves_TrialStarts()
    {
        await using var host = await StartAsync();
        var application = Applications.Sound("Borderline Trading");

        await host.FileAsync(application);
        await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Rejected, comment: "statements look window-dressed");
        var refused = await host.StageAsync(application.ApplicationId, "Rejected");

        Assert.InRange(refused.ReconsiderationUntil!.Value, host.StartedAt + host.Onboarding.ReconsiderationWindow, host.Now + host.Onboarding.ReconsiderationWindow);
        var refusalMail = (await host.WaitForMailAsync(Applications.SalesRep)).Last();
        Assert.Contains("statements look window-dressed", refusalMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("give your reason on the application's page", refusalMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", refusalMail.TextBody, StringComparison.Ordinal);
        Assert.Single(refusalMail.Links);
        Assert.Equal(ApplicationStatus.Rejected, (await host.Store.Applications.GetAsync(application.ApplicationId))!.Value.Status);

        await host.Client.RaiseEventAsync(application.ApplicationId, OnboardingEvents.ReconsiderationRequested,
            new ReconsiderationRequest("audited statements attached", "sales-api-key", host.Now));
        var heard = await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Approved, step: 2);
        await host.StageAsync(application.ApplicationId, "Trial");

        Assert.Equal(CreditRole.CreditManager, heard.Role);
        var decisions = await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id);
        var refusal = Assert.Single(decisions, d => d.What == "credit refused");
        Assert.Equal(Officer, refusal.DecidedBy);
        Assert.Contains("window-dressed", refusal.Why, StringComparison.Ordinal);
        Assert.Equal(Manager, Assert.Single(decisions, d => d.What.StartsWith("trial granted", StringComparison.Ordinal)).DecidedBy);
    }

    [Fact]
    public async Task RefusalNotReconsideredInTime_EndsRejected()
    {
        // On the wall clock the window must run out while the test waits.
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["Onboarding:ReconsiderationWindow"] = Engine == WorkflowEngine.AzureStorage ? "00:00:02" : "30.00:00:00",
        });
        var application = Applications.Sound("Quiet Customer");

        await host.FileAsync(application);
        await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Rejected, comment: "no");
        await host.StageAsync(application.ApplicationId, "Rejected");
        host.Pass(host.Onboarding.ReconsiderationWindow);
        var outcome = (await host.CompletionAsync(application.ApplicationId)).ReadOutputAs<OnboardingOutcome>()!;

        Assert.Equal(ApplicationStatus.Rejected, outcome.Status);
        Assert.Equal(CreditProfileStatus.Applicant, (await host.Store.Profiles.GetAsync(application.Customer.Id))!.Value.Status);
    }

    [Fact]
    public async Task ApplicantOnAnIndustryList_RefusedWithoutScoringThoughNotYetACustomer()
    {
        await using var host = await StartAsync();
        var application = Applications.Sound("Listed Co");
        await host.Store.Blacklist.AddOnceAsync(new Storage.Blacklist.BlacklistEntry(
            application.Customer.RegistrationNumber, "LISTED CO LTD", null, "unpaid suppliers, association list 2026-02", BlacklistSource.IndustryList, null, "legal.ma", WorkflowTestHost.Monday));

        await host.FileAsync(application);
        var outcome = (await host.CompletionAsync(application.ApplicationId)).ReadOutputAs<OnboardingOutcome>()!;

        Assert.Equal(ApplicationStatus.Rejected, outcome.Status);
        Assert.Contains("industry list", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("unpaid suppliers", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id), d => d.What.StartsWith("scored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupMemberBlacklisted_RefusedWithoutScoring()
    {
        await using var host = await StartAsync();
        var controller = "Controller " + Guid.NewGuid().ToString("N")[..6];
        var defaulter = "cust-" + Guid.NewGuid().ToString("N")[..10];
        await host.Store.Customers.CreateAsync(new Customer(defaulter, "Defaulter Co", "REG-D", controller, null, WorkflowTestHost.Monday));
        await host.Store.Profiles.CreateAsync(
            new CustomerCreditProfile(defaulter, CreditClass.D, Money.Of(0m, "CNY"), 0, "none", CreditProfileStatus.Blacklisted, null, null, null, null),
            new CreditDecision("blacklisted", defaulter, WorkflowTestHost.Monday, "legal", "blacklisted", "unpaid judgment", "{}", null, null));
        var application = Applications.Sound("Sister Co", controller: controller);

        await host.FileAsync(application);
        var outcome = (await host.CompletionAsync(application.ApplicationId)).ReadOutputAs<OnboardingOutcome>()!;

        Assert.Equal(ApplicationStatus.Rejected, outcome.Status);
        Assert.Contains("Defaulter Co", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id), d => d.What.StartsWith("scored", StringComparison.Ordinal));
    }
}

/// <summary>
/// Onboarding on CreditFlow's engine, plus what only a movable clock can test in seconds: reminders and the
/// give-up after working days (Microsoft's engine would wait real working days for them).
/// </summary>
public sealed class OnboardingWorkflowTests : OnboardingWorkflowContract
{
    private protected override WorkflowEngine Engine => WorkflowEngine.CreditFlow;

    [Fact]
    public async Task MissingFigure_SalesAskedAndReminded_DataArrives_ApplicationGoesToApproval()
    {
        await using var host = await StartAsync();
        var figures = Applications.SoundFigures.Where(f => f.Key != "netMargin").ToDictionary();
        var application = Applications.Sound("Gap Ltd", figures: figures);

        await host.FileAsync(application);
        var waiting = await host.StageAsync(application.ApplicationId, "WaitingForData");
        var ask = Assert.Single(await host.WaitForMailAsync(Applications.SalesRep));

        Assert.Contains(waiting.MissingData!, m => m.StartsWith("netMargin", StringComparison.Ordinal));

        // Said for a person: what the figure is, and where to send it (the application's page, or a reply), not an API call.
        Assert.Contains("• netMargin: Net profit / revenue x 100 (percent) — input missing and required", ask.TextBody, StringComparison.Ordinal);
        Assert.Contains("or reply to this mail with the figures", ask.TextBody, StringComparison.Ordinal);
        Assert.EndsWith($"Open the application: http://pages.test/applications/{application.ApplicationId}", ask.TextBody, StringComparison.Ordinal);
        Assert.Equal(new Uri($"http://pages.test/applications/{application.ApplicationId}"), Assert.Single(ask.Links).Url);
        Assert.DoesNotContain("/api/", ask.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("POST", ask.TextBody, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.WaitingForData, (await host.Store.Applications.GetAsync(application.ApplicationId))!.Value.Status);

        // Two working days without an answer: a reminder.
        host.Clock.Advance(TimeSpan.FromDays(2));
        var mails = await host.WaitForMailAsync(Applications.SalesRep, 2);
        Assert.StartsWith("Reminder:", mails[1].Subject, StringComparison.Ordinal);

        await host.Client.RaiseEventAsync(application.ApplicationId, OnboardingEvents.DataSupplied,
            new SuppliedData(new Dictionary<string, decimal> { ["netMargin"] = 6m }, null, "sales-api-key", host.Now));
        await host.StageAsync(application.ApplicationId, "WaitingForApproval");

        Assert.Equal(6m, (await host.Store.Applications.GetAsync(application.ApplicationId))!.Value.FinancialFigures["netMargin"]);
    }

    [Fact]
    public async Task MissingFigureNeverSupplied_GivenUpAfterTenWorkingDays()
    {
        await using var host = await StartAsync();
        var figures = Applications.SoundFigures.Where(f => f.Key != "currentRatio").ToDictionary();
        var application = Applications.Sound("Silent Ltd", figures: figures);

        await host.FileAsync(application);
        await host.StageAsync(application.ApplicationId, "WaitingForData");
        for (var day = 0; day < 14; day++)
        {
            host.Clock.Advance(TimeSpan.FromDays(1));
        }

        var outcome = (await host.CompletionAsync(application.ApplicationId)).ReadOutputAs<OnboardingOutcome>()!;

        Assert.Equal(ApplicationStatus.Abandoned, outcome.Status);
        Assert.Equal(ApplicationStatus.Abandoned, (await host.Store.Applications.GetAsync(application.ApplicationId))!.Value.Status);
        Assert.Equal("Credit application given up: Silent Ltd", host.Mail.To(Applications.SalesRep)[^1].Subject);
        Assert.Contains(await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id), d => d.What == "application abandoned");
    }
}

/// <summary>Onboarding on Microsoft's engine: a trial period of seconds and timers on the wall clock.</summary>
public sealed class OnboardingWorkflowOnAzureStorageTests : OnboardingWorkflowContract
{
    private protected override WorkflowEngine Engine => WorkflowEngine.AzureStorage;
}
