using CreditFlow.Domain.Calendar;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.Imports;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Review;
using CreditFlow.Workflows.Warnings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows;

/// <summary>The services activities need: the business rules (shipped defaults) and the workflow settings.</summary>
public static class CreditFlowWorkflowServices
{
    /// <summary>
    /// Binds <c>Onboarding</c>, <c>Approvals</c> (timing), <c>Dunning</c>, <c>OrderCheck</c> (hold starts) and <c>Approvers</c>, validated at start, and
    /// registers the domain policies. The host adds <see cref="Mail.IWorkflowMail"/>, <see cref="IApprovalLinks"/> and <see cref="IApplicationLinks"/>.
    /// </summary>
    public static IServiceCollection AddCreditFlowWorkflowServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OnboardingOptions>().Bind(configuration.GetSection("Onboarding")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalTimingOptions>().Bind(configuration.GetSection("Approvals")).ValidateDataAnnotations()
            .Validate(o => o.EscalationAfterWorkingDays > o.ReminderAfterWorkingDays, "Approvals__EscalationAfterWorkingDays must be more than Approvals__ReminderAfterWorkingDays.")
            .Validate(o => TryParseWeekend(o.Weekend) is not null, "Approvals__Weekend must list day names, e.g. Saturday,Sunday, and leave at least one working day.")
            .ValidateOnStart();
        services.AddDunning(configuration);
        services.AddWarnings(configuration);
        services.AddReviews(configuration);
        services.AddLegalCases(configuration);
        services.AddImports();
        services.AddCreditPolicies();
        services.AddOptions<OrderCheck.HoldStartOptions>().Bind(configuration.GetSection("OrderCheck")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderCheck.OrderAdmissionOptions>().Bind(configuration.GetSection("OrderCheck")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var directory = new ApproverDirectory();
            foreach (var entry in configuration.GetSection("Approvers").GetChildren())
            {
                directory.Addresses[entry.Key] = entry.Value ?? string.Empty;
            }

            return directory;
        });
        services.AddSingleton(sp => TryParseWeekend(sp.GetRequiredService<IOptions<ApprovalTimingOptions>>().Value.Weekend)!);

        // The scorecard, class bands, limit coefficients, new-customer terms, authority matrix and order check are not
        // registered: each decision asks CreditPolicies for the version in force.
        return services;
    }

    private static WorkingCalendar? TryParseWeekend(string? text)
    {
        var days = new List<DayOfWeek>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<DayOfWeek>(part, ignoreCase: true, out var day) || !Enum.IsDefined(day))
            {
                return null;
            }

            days.Add(day);
        }

        return days.Distinct().Count() < 7 ? new WorkingCalendar(days) : null;
    }
}
