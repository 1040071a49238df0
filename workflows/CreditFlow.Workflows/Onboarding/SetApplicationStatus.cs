using Microsoft.DurableTask;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Storage;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>A stage change of an application.</summary>
public sealed record ApplicationStatusChange(string ApplicationId, ApplicationStatus Status);

/// <summary>Moves the stored application to a new stage, so the API and lists show where it stands.</summary>
public sealed class SetApplicationStatus(CreditStore store) : TaskActivity<ApplicationStatusChange, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ApplicationStatusChange input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await OnboardingRecords.UpdateApplicationAsync(store, input.ApplicationId, a => a with { Status = input.Status });
        return true;
    }
}
