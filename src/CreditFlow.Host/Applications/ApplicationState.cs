using CreditFlow.Domain.Onboarding;
using CreditFlow.Durable.Client;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage;
using CreditFlow.Workflows.Onboarding;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;

namespace CreditFlow.Host.Applications;

/// <summary>
/// What is known of one application: the stored row (written by onboarding's first activity), the
/// onboarding instance with what was filed, and the workflow's progress.
/// </summary>
internal sealed record ApplicationState(
    string Id, Stored<CreditApplication>? Stored, OrchestrationMetadata? Instance, CreditApplicationRequest? Filed, OnboardingProgress? Progress)
{
    /// <summary>The workflow's stage, else the stored status; "Submitted" before onboarding stored anything.</summary>
    public string Stage => Progress?.Stage ?? Stored?.Value.Status.ToString() ?? nameof(ApplicationStatus.Submitted);

    /// <summary>True while the onboarding instance can still receive events.</summary>
    public bool IsRunning => Instance is { } instance && (instance.IsRunning || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending);
}
