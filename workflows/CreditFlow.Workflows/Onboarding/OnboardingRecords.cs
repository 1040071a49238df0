using CreditFlow.Storage;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// The two writes onboarding repeats: a profile change logged with its decision in one
/// transaction, and an application update. Both are safe under at-least-once activities and
/// concurrent writers (re-read and retry on an ETag conflict).
/// </summary>
internal static class OnboardingRecords
{
    private const int Attempts = 5;

    /// <summary>Applies <paramref name="change"/> to the profile and logs <paramref name="decision"/>, once.</summary>
    public static async Task DecideAsync(CreditStore store, CreditDecision decision, Func<CustomerCreditProfile, CustomerCreditProfile> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.Decisions.ContainsAsync(decision.CustomerId, decision.Id, decision.DecidedAt))
            {
                return;
            }

            var current = await store.Profiles.GetAsync(decision.CustomerId)
                ?? throw new InvalidOperationException($"Customer {decision.CustomerId} has no credit profile; the application was not filed.");
            try
            {
                await store.Profiles.UpdateAsync(change(current.Value), current.ETag, decision);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Someone else changed the profile (or our earlier attempt landed): look again.
            }
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored application.</summary>
    public static async Task UpdateApplicationAsync(CreditStore store, string applicationId, Func<CreditApplication, CreditApplication> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.Applications.GetAsync(applicationId)
                ?? throw new InvalidOperationException($"Application {applicationId} is not stored.");
            try
            {
                await store.Applications.UpdateAsync(change(current.Value), current.ETag);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
            }
        }
    }
}
