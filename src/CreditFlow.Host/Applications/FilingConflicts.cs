using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Domain.Customers;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Host.Applications;

/// <summary>
/// Says why a customer may not file a new application: it already has credit (active or on trial),
/// is blacklisted, or has an application still in onboarding.
/// </summary>
internal sealed class FilingConflicts(CreditProfileRepository profiles, ApplicationRepository applications, DurableTaskClient client, TimeProvider time)
{
    /// <summary>
    /// How far back to look for onboarding instances whose first activity has not stored the
    /// application yet. That activity normally runs within seconds; an hour covers a worker backlog
    /// while keeping the query to the few instances started lately.
    /// </summary>
    private static readonly TimeSpan NotYetStoredWindow = TimeSpan.FromHours(1);

    private static readonly OrchestrationRuntimeStatus[] Open =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <returns>Why filing is refused, or null when the customer may file.</returns>
    public async Task<string?> FindAsync(string customerId, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(customerId, cancellationToken) is { Value.Status: CreditProfileStatus.Active or CreditProfileStatus.Trial or CreditProfileStatus.Blacklisted } profile)
        {
            return $"Customer '{customerId}' already has a credit profile with status {profile.Value.Status}; a new application is not taken.";
        }

        foreach (var application in await applications.ListForCustomerAsync(customerId, cancellationToken))
        {
            if (await client.GetInstanceAsync(application.Id, cancellation: cancellationToken) is { } instance && Open.Contains(instance.RuntimeStatus))
            {
                return $"Application '{application.Id}' of customer '{customerId}' is still in onboarding ({application.Status}).";
            }
        }

        var query = new OrchestrationQuery
        {
            Statuses = Open,
            CreatedFrom = time.GetUtcNow() - NotYetStoredWindow,
            FetchInputsAndOutputs = true,
        };
        await foreach (var instance in client.GetAllInstancesAsync(nameof(OnboardingWorkflow), query).WithCancellation(cancellationToken))
        {
            if (instance.ReadInputAs<CreditApplicationRequest>()?.Customer.Id == customerId)
            {
                return $"Application '{instance.InstanceId}' of customer '{customerId}' was just filed and is still in onboarding.";
            }
        }

        return null;
    }
}
