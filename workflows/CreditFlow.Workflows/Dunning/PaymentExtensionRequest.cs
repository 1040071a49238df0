using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.Dunning;

/// <summary>A customer's request to pay an invoice later, as its approval workflow carries it.</summary>
/// <param name="CustomerId">Whose invoice.</param>
/// <param name="CustomerName">The customer's name, for the approver.</param>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="RequestId">The request (one per request; recorded pending on the invoice before the workflow starts).</param>
/// <param name="FromDueDate">The due date now.</param>
/// <param name="ToDueDate">The due date asked for.</param>
/// <param name="Open">What is open on the invoice.</param>
/// <param name="Reason">Why.</param>
/// <param name="RequestedBy">Who recorded it.</param>
public sealed record PaymentExtensionRequest(
    string CustomerId, string CustomerName, string InvoiceId, string RequestId, DateOnly FromDueDate, DateOnly ToDueDate, Money Open, string Reason, string RequestedBy)
{
    /// <summary>The workflow's instance id, derived from the request.</summary>
    public string InstanceId => $"extension|{CustomerId}|{InvoiceId}|{RequestId}";
}
