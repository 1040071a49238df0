using System.Text.Json.Nodes;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Scoring;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Tests.Onboarding;
using CreditFlow.Workflows.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Workflows.Tests.Policies;

/// <summary>
/// Onboarding scores, classes and sets the trial of a customer with the scorecard, class bands and new-customer terms
/// of the credit policy version in force, and records that version.
/// </summary>
public sealed class OnboardingUnderPolicyTests
{
    [Fact]
    public async Task AnApprovedVersionRaisingClassB_ClassesASoundApplicantC_AndItsScoringNamesTheVersion()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var version = await StricterClassB.ApproveAsync(host);
        // The test is only meaningful when version 1 would class the applicant otherwise.
        Assert.Equal(CreditClass.B, CreditClassBands.Default.Classify(ScorecardModel.MultiDimension.Score(Applications.SoundFigures), false).Class);

        var application = Applications.Sound("Strict Bands Trading");
        await host.FileAsync(application);
        await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Approved);
        await host.StageAsync(application.ApplicationId, "Trial");

        Assert.Equal(CreditClass.C, (await host.Store.Profiles.GetAsync(application.Customer.Id))!.Value.Class);
        var scored = Assert.Single(await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id), d => d.What.StartsWith("scored", StringComparison.Ordinal));
        Assert.Contains("class C", scored.What, StringComparison.Ordinal);
        Assert.Contains($"\"policyVersion\":{version}", scored.DataSnapshotJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersionWhoseScorecardAsksForAnAuditOpinion_AndWhoseTrialIsSmaller_OnboardingAsksForIt_AndGrantsThatTrial()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var document = Audited();
        document["newCustomers"]!["trialLimit"]!["amount"] = 50_000;
        var store = host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), DateOnly.FromDateTime(host.Now.UtcDateTime), "audited accounts and a smaller trial", "test", host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });

        var application = Applications.Sound("Audited Trading");
        await host.FileAsync(application);
        var waiting = await host.StageAsync(application.ApplicationId, "WaitingForData");

        // Version 1 would have scored the sound figures at once; version 2 asks for the figure it added, as its scorecard says it.
        Assert.Equal(["auditOpinion: The auditor's opinion, 5 unqualified (grade 1-5) — input missing and required"], waiting.MissingData);
        await host.Client.RaiseEventAsync(application.ApplicationId, OnboardingEvents.DataSupplied,
            new SuppliedData(new Dictionary<string, decimal> { ["auditOpinion"] = 5m }, null, "sales-api-key", host.Now));
        await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Approved);
        await host.StageAsync(application.ApplicationId, "Trial");

        Assert.Equal(Money.Of(50_000m, "CNY"), (await host.Store.Profiles.GetAsync(application.Customer.Id))!.Value.Limit);
        var scored = Assert.Single(await host.Store.Decisions.ListForCustomerAsync(application.Customer.Id), d => d.What.StartsWith("scored", StringComparison.Ordinal));
        Assert.Contains($"\"policyVersion\":{draft.Version}", scored.DataSnapshotJson, StringComparison.Ordinal);
        Assert.Contains("\"auditOpinion\"", scored.DataSnapshotJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersionLoweringTheCreditOfficersCeiling_SendsTheTrialLimitToTheCreditManager()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["authorityMatrix"]!["tiers"]![0]!["upTo"] = 50_000;
        var store = host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), DateOnly.FromDateTime(host.Now.UtcDateTime), "officers up to 50,000", "test", host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });

        var application = Applications.Sound("Ceiling Trading");
        await host.FileAsync(application);
        var asked = await host.AnswerApprovalAsync(application.ApplicationId, ApprovalOutcome.Approved);
        await host.StageAsync(application.ApplicationId, "Trial");

        // Under version 1 the credit officer approves a 100,000 trial (OnboardingWorkflowTests); under this version the manager does.
        Assert.Equal(CreditRole.CreditManager, asked.Role);
        Assert.Equal(Money.Of(100_000m, "CNY"), (await host.Store.Profiles.GetAsync(application.Customer.Id))!.Value.Limit);
    }

    [Fact]
    public async Task AVersionTakingOverBetweenScreeningAndAssessment_NeedingAFigureNotAskedFor_AssessesUnderTheVersionScreenedFor()
    {
        await using var host = await WorkflowTestHost.StartAsync();
        var application = Applications.Sound("Caught Between Trading");
        var assess = ActivatorUtilities.CreateInstance<AssessApplication>(host.Get<IServiceProvider>());
        Assert.Equal(1, (await assess.RunAsync(null!, new AssessmentInput(application, AssessmentPhase.Trial))).PolicyVersion);

        // Version 2, which needs an audit opinion the application was never asked for, is approved right after screening.
        var store = host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(Audited().ToJsonString(), DateOnly.FromDateTime(host.Now.UtcDateTime), "audited accounts", "test", host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        await host.Get<CreditPolicies>().ReloadAsync();
        var assessed = await assess.RunAsync(null!, new AssessmentInput(application, AssessmentPhase.Trial));

        Assert.Equal((1, CreditClass.B), (assessed.PolicyVersion, assessed.Class));
    }

    /// <summary>Version 1's document whose scorecard also needs an audit opinion (required) in a dimension of its own.</summary>
    private static JsonNode Audited()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        var scorecard = document["scorecard"]!;
        scorecard["version"] = "2";
        scorecard["inputs"]!.AsArray().Add(new JsonObject { ["name"] = "auditOpinion", ["unit"] = "grade 1-5", ["description"] = "The auditor's opinion, 5 unqualified." });
        scorecard["dimensions"]![0]!["weight"] = 30;
        scorecard["dimensions"]!.AsArray().Add(JsonNode.Parse("""
            { "name": "audit", "weight": 10, "factors": [ { "name": "audit opinion", "input": "auditOpinion", "weight": 100, "missingData": "required",
              "bands": [ { "to": 4, "points": 0 }, { "from": 4, "points": 100 } ] } ] }
            """)!);
        return document;
    }
}
