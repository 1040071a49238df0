using Microsoft.DurableTask;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Storage;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>The application with the data sales supplied merged in, and the stage it returns to.</summary>
public sealed record SuppliedDataUpdate(CreditApplicationRequest Application, ApplicationStatus Status);

/// <summary>Stores the figures and written reason sales supplied, so the application shows what the decision used.</summary>
public sealed class StoreSuppliedData(CreditStore store) : TaskActivity<SuppliedDataUpdate, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, SuppliedDataUpdate input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var merged = input.Application;
        await OnboardingRecords.UpdateApplicationAsync(store, merged.ApplicationId, a => a with
        {
            FinancialFigures = merged.FinancialFigures,
            BelowStandardReason = merged.BelowStandardReason,
            Status = input.Status,
        });
        return true;
    }
}
