using CreditFlow.Domain.Calendar;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Storage;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// Stores what sales filed — the customer, the application and an applicant profile with the
/// decision "application filed" — and fixes the plan the onboarding runs on, with the authority matrix of the credit
/// policy version in force at filing (the approvals of one application climb one matrix). Safe to run twice.
/// </summary>
public sealed class FileApplication(CreditStore store, IOptions<OnboardingOptions> options, CreditPolicies policies, WorkingCalendar calendar)
    : TaskActivity<CreditApplicationRequest, OnboardingPlan>
{
    /// <inheritdoc />
    public override async Task<OnboardingPlan> RunAsync(TaskActivityContext context, CreditApplicationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = input.Customer;
        if (await store.Customers.GetAsync(c.Id) is null)
        {
            await IgnoreConflict(() => store.Customers.CreateAsync(new Customer(c.Id, c.Name, c.RegistrationNumber, c.ActualController, c.Industry, input.FiledAt)));
        }

        if (await store.Applications.GetAsync(input.ApplicationId) is null)
        {
            await IgnoreConflict(() => store.Applications.CreateAsync(ToApplication(input)));
        }

        var filed = new CreditDecision(
            $"{input.ApplicationId}-filed", c.Id, input.FiledAt, input.FiledBy,
            $"credit application filed: {input.RequestedLimit}, {input.RequestedTermDays} days",
            "sales filed a credit application", OnboardingJson.Snapshot(new { application = input }), null, input.ApplicationId);
        if (!await store.Decisions.ContainsAsync(c.Id, filed.Id, filed.DecidedAt))
        {
            if (await store.Profiles.GetAsync(c.Id) is null)
            {
                var applicant = new CustomerCreditProfile(
                    c.Id, null, Money.Zero(input.RequestedLimit.Currency), input.RequestedTermDays, string.Empty, CreditProfileStatus.Applicant, null, null, null, null);
                await IgnoreConflict(() => store.Profiles.CreateAsync(applicant, filed));
            }
            else
            {
                await IgnoreConflict(() => store.Decisions.AppendAsync(filed));
            }
        }

        var o = options.Value;
        var authority = (await policies.InForceAsync()).Authority;
        return new OnboardingPlan(
            o.TrialPeriod, o.DataReminderAfterWorkingDays, o.DataGiveUpAfterWorkingDays, o.ReconsiderationWindow,
            calendar.Weekend.Order().ToArray(),
            authority.Currency,
            authority.Tiers.Select(t => new AuthorityRung(t.Role, t.UpTo?.Amount)).ToArray(),
            authority.Cumulative);
    }

    internal static CreditApplication ToApplication(CreditApplicationRequest input) =>
        new(input.ApplicationId, input.Customer.Id, input.RequestedLimit, input.RequestedTermDays, input.FinancialFigures,
            input.ImpressionReport, ApplicationStatus.InReview, input.FiledBy, input.FiledAt, input.FiledAt)
        {
            SalesRepEmail = input.SalesRepEmail,
            ContactEmail = input.Customer.ContactEmail,
            BelowStandardReason = input.BelowStandardReason,
            IntegrityIssues = input.IntegrityIssues,
        };

    // A retried activity finds its own earlier write: that is success, not a conflict.
    private static async Task IgnoreConflict(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (ConcurrencyConflictException)
        {
        }
    }
}
