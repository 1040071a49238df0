using System.Security.Claims;
using System.Security.Cryptography;
using CreditFlow.Domain.Monetary;
using CreditFlow.Durable.Client;
using CreditFlow.Workflows.Onboarding;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Applications;

/// <summary><c>POST /api/applications</c>.</summary>
public static partial class ApplicationsApi
{
    internal static async Task<Results<Accepted<ApplicationAccepted>, ProblemHttpResult>> FileAsync(
        HttpRequest request, ClaimsPrincipal caller, [AsParameters] FilingServices services, CancellationToken cancellationToken)
    {
        var scorecard = await services.Validator.ScorecardAsync(cancellationToken);
        var (body, problem) = await JsonBody.ReadAsync<FileApplicationBody>(request, cancellationToken, validate: b => services.Validator.Validate(b, scorecard));
        if (problem is not null)
        {
            return problem;
        }

        var customerId = CustomerIds.FromRegistrationNumber(body!.Customer!.RegistrationNumber!.Trim());
        if (await services.Conflicts.FindAsync(customerId, cancellationToken) is { } reason)
        {
            return ApiProblems.Conflict("Application not taken", reason);
        }

        var filedAt = services.Time.GetUtcNow();
        var id = await StartOnboardingAsync(services.Client, applicationId => ToRequest(body, applicationId, customerId, CallerName(caller), filedAt), cancellationToken);
        var statusUrl = StatusUrl(id);
        return TypedResults.Accepted(statusUrl, new ApplicationAccepted(id, "Submitted", statusUrl));
    }

    /// <summary>Starting the workflow is the only write: its first activity stores customer, application and profile.</summary>
    private static async Task<string> StartOnboardingAsync(
        DurableTaskClient client, Func<string, CreditApplicationRequest> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var applicationId = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            try
            {
                // Nothing is replaceable: a random id that collides with any earlier application draws again.
                return await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(OnboardingWorkflow),
                    request(applicationId),
                    new StartOrchestrationOptions(applicationId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()),
                    cancellationToken);
            }
            catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException) when (attempt < 3)
            {
            }
        }
    }

    private static CreditApplicationRequest ToRequest(FileApplicationBody body, string applicationId, string customerId, string filedBy, DateTimeOffset filedAt)
    {
        var customer = body.Customer!;
        return new CreditApplicationRequest(
            applicationId,
            new ApplicantCompany(
                customerId,
                customer.Name!.Trim(),
                customer.RegistrationNumber!.Trim(),
                Trimmed(customer.ActualController),
                Trimmed(customer.Industry),
                customer.ContactEmail!,
                ToMoney(customer.AnnualSales)),
            ToMoney(body.RequestedLimit)!.Value,
            body.RequestedTermDays!.Value,
            ToMoney(body.ExpectedAnnualPurchases),
            body.FinancialFigures!,
            body.ImpressionReport!,
            body.SalesRepEmail!,
            Trimmed(body.BelowStandardReason),
            body.IntegrityIssues?.Select(i => i!.Trim()).ToList() ?? [],
            filedBy,
            filedAt);
    }

    private static Money? ToMoney(MoneyBody? money) => money is null ? null : Money.Of(money.Amount!.Value, money.Currency!);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
