using System.ComponentModel.DataAnnotations;
using CreditFlow.Domain.Classes;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>The onboarding policy's numbers (section <c>Onboarding</c>); docs/domain.md "Onboarding" gives the defaults.</summary>
public sealed class OnboardingOptions
{
    /// <summary>Length of the trial period on the trial limit.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "730.00:00:00", ErrorMessage = "Onboarding__TrialPeriod must be 1-730 days, e.g. 90.00:00:00.")]
    public TimeSpan TrialPeriod { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Working days between reminders to sales while data is missing.</summary>
    [Range(1, 30, ErrorMessage = "Onboarding__DataReminderAfterWorkingDays must be 1-30.")]
    public int DataReminderAfterWorkingDays { get; set; } = 2;

    /// <summary>Working days after which onboarding gives up waiting for missing data.</summary>
    [Range(1, 120, ErrorMessage = "Onboarding__DataGiveUpAfterWorkingDays must be 1-120.")]
    public int DataGiveUpAfterWorkingDays { get; set; } = 10;

    /// <summary>How long after a refusal a reconsideration may be requested.</summary>
    [Range(typeof(TimeSpan), "0.00:00:00", "365.00:00:00", ErrorMessage = "Onboarding__ReconsiderationWindow must be 0-365 days, e.g. 30.00:00:00.")]
    public TimeSpan ReconsiderationWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Credit standard: the lowest class that may get credit without sales' written reason.</summary>
    public CreditClass CreditStandard { get; set; } = CreditClass.C;

    /// <summary>
    /// Sales standard: the least expected annual purchases worth a credit relationship, in the
    /// authority matrix's currency; below it sales must give a written reason. 0 switches it off.
    /// </summary>
    [Range(typeof(decimal), "0", "1000000000000", ErrorMessage = "Onboarding__SalesStandardAnnualPurchases must be 0 or more.")]
    public decimal SalesStandardAnnualPurchases { get; set; } = 200_000m;
}
