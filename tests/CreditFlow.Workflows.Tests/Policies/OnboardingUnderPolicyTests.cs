using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Scoring;
using CreditFlow.Workflows.Tests.Onboarding;
using CreditFlow.Workflows.Tests.Testing;

namespace CreditFlow.Workflows.Tests.Policies;

/// <summary>Onboarding classes a customer with the class bands of the credit policy version in force, and records that version.</summary>
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
}
