using CreditFlow.Durable;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>The onboarding orchestration and its activities.</summary>
internal static class OnboardingRegistration
{
    public static void Register(DurableTaskRegistry registry)
    {
    }
}
