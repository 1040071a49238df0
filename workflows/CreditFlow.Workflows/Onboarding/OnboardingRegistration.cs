using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>The onboarding orchestration and its activities.</summary>
internal static class OnboardingRegistration
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry
            .AddOrchestrator<OnboardingWorkflow>()
            .AddActivity<FileApplication>()
            .AddActivity<ScreenApplication>()
            .AddActivity<AssessApplication>()
            .AddActivity<RecordAssessment>()
            .AddActivity<RecordGrant>()
            .AddActivity<RecordRefusal>()
            .AddActivity<SetApplicationStatus>()
            .AddActivity<StoreSuppliedData>()
            .AddActivity<ReadExposure>()
            .AddActivity<SendOnboardingMail>();
    }
}
