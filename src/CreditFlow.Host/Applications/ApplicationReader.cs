using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Approvals;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Documents;
using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Host.Applications;

/// <summary>Reads an application from storage and from its onboarding instance, and shapes it for the API.</summary>
internal sealed class ApplicationReader(
    ApplicationRepository applications, CustomerRepository customers, DocumentStore documents, ApprovalRepository approvals, DurableTaskClient client)
{
    /// <summary>The application, or null when neither storage nor the workflow knows the id.</summary>
    public async Task<ApplicationState?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsPlausible(id))
        {
            return null;
        }

        var storedRead = applications.GetAsync(id, cancellationToken);
        var instanceRead = client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var (stored, instance) = (await storedRead, await instanceRead);

        // An instance of another orchestration that happens to share the id is not an application.
        if (instance is not null && !string.Equals(instance.Name, nameof(OnboardingWorkflow), StringComparison.Ordinal))
        {
            instance = null;
        }

        var filed = instance?.ReadInputAs<CreditApplicationRequest>();
        if (stored is null && filed is null)
        {
            return null;
        }

        return new ApplicationState(id, stored, instance, filed, instance?.ReadCustomStatusAs<OnboardingProgress>());
    }

    /// <summary>The application as the API shows it, with its documents and approvals.</summary>
    public async Task<ApplicationView> ViewAsync(ApplicationState state, CancellationToken cancellationToken)
    {
        var documentsRead = documents.ListAsync(state.Id, cancellationToken);
        var approvalsRead = approvals.ListForSubjectAsync(state.Id, cancellationToken);
        var customer = state.Stored is { } s ? (await customers.GetAsync(s.Value.CustomerId, cancellationToken))?.Value : null;
        var documentViews = (await documentsRead).Select(DocumentView.From).ToList();
        var approvalViews = (await approvalsRead).Select(ApprovalView.From).ToList();

        var (stored, filed, progress) = (state.Stored?.Value, state.Filed, state.Progress);
        var customerId = stored?.CustomerId ?? filed!.Customer.Id;
        var applicant = new ApplicantView(
            customerId,
            customer?.Name ?? filed?.Customer.Name ?? string.Empty,
            customer?.RegistrationNumber ?? filed?.Customer.RegistrationNumber ?? string.Empty,
            customer is not null ? customer.ActualController : filed?.Customer.ActualController,
            customer is not null ? customer.Industry : filed?.Customer.Industry,
            stored?.ContactEmail ?? filed?.Customer.ContactEmail,
            filed?.Customer.AnnualSales);

        return new ApplicationView(
            state.Id,
            state.Stage,
            progress?.Detail,
            state.Instance?.RuntimeStatus.ToString(),
            applicant,
            stored?.RequestedLimit ?? filed!.RequestedLimit,
            stored?.RequestedTermDays ?? filed!.RequestedTermDays,
            filed?.ExpectedAnnualPurchases,
            stored?.FinancialFigures ?? filed!.FinancialFigures,
            stored?.ImpressionReport ?? filed!.ImpressionReport,
            stored?.SalesRepEmail ?? filed?.SalesRepEmail,
            stored?.BelowStandardReason ?? filed?.BelowStandardReason,
            stored?.IntegrityIssues ?? filed?.IntegrityIssues ?? [],
            stored?.CreatedBy ?? filed!.FiledBy,
            stored?.CreatedAt ?? filed!.FiledAt,
            progress?.MissingData,
            progress?.TrialEndsAt,
            progress?.ReconsiderationUntil,
            documentViews,
            approvalViews,
            customer is not null ? $"/api/customers/{Uri.EscapeDataString(customer.Id)}" : null);
    }
}
