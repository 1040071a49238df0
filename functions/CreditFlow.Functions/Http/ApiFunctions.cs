using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CreditFlow.Functions.Http;

/// <summary>
/// One HTTP function per route of the host's public surfaces (<see cref="Host.PublicApi"/>), each answered by the host's
/// own endpoint through <see cref="PublicApiPipeline"/>. The routes are the host's (host.json sets <c>routePrefix</c> to
/// empty); authorization is the endpoints' own (API keys, ERP and signal providers' signatures, approval tokens), so the functions are
/// anonymous to the Functions host. Public: the Functions runtime finds functions on public types only.
/// </summary>
public sealed class ApiFunctions(PublicApiPipeline api)
{
    // Applications
    [Function("FileApplicationHttp")]
    public Task FileApplicationHttp([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetApplication")]
    public Task GetApplication([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}")] HttpRequest request) => api.ServeAsync(request);

    [Function("UploadApplicationDocument")]
    public Task UploadApplicationDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/documents")] HttpRequest request) => api.ServeAsync(request);

    [Function("DownloadApplicationDocument")]
    public Task DownloadApplicationDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/applications/{id}/documents/{*name}")] HttpRequest request) => api.ServeAsync(request);

    [Function("SupplyApplicationData")]
    public Task SupplyApplicationData([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/data")] HttpRequest request) => api.ServeAsync(request);

    [Function("RequestReconsideration")]
    public Task RequestReconsideration([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/reconsideration")] HttpRequest request) => api.ServeAsync(request);

    // Customers
    [Function("GetCustomer")]
    public Task GetCustomer([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{id}")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetCustomerReport")]
    public Task GetCustomerReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{id}/report")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetOrderTerms")]
    public Task GetOrderTerms([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{id}/order-terms")] HttpRequest request) => api.ServeAsync(request);

    [Function("SetOrderTerms")]
    public Task SetOrderTerms([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/customers/{id}/order-terms")] HttpRequest request) => api.ServeAsync(request);

    // ERP webhooks
    [Function("ErpOrder")]
    public Task ErpOrder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/orders")] HttpRequest request) => api.ServeAsync(request);

    [Function("ErpShipment")]
    public Task ErpShipment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/shipments")] HttpRequest request) => api.ServeAsync(request);

    [Function("ErpInvoice")]
    public Task ErpInvoice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/invoices")] HttpRequest request) => api.ServeAsync(request);

    [Function("ErpPayment")]
    public Task ErpPayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/payments")] HttpRequest request) => api.ServeAsync(request);

    [Function("ErpCreditNote")]
    public Task ErpCreditNote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/credit-notes")] HttpRequest request) => api.ServeAsync(request);

    [Function("ErpPaymentReversal")]
    public Task ErpPaymentReversal([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/payment-reversals")] HttpRequest request) => api.ServeAsync(request);

    [Function("ErpOrderCancellation")]
    public Task ErpOrderCancellation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/erp/order-cancellations")] HttpRequest request) => api.ServeAsync(request);

    // Holds
    [Function("ListHolds")]
    public Task ListHolds([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/holds")] HttpRequest request) => api.ServeAsync(request);

    [Function("DecideHold")]
    public Task DecideHold([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/holds/{holdId}/decision")] HttpRequest request) => api.ServeAsync(request);

    // Approval pages (the link an approver is mailed, and the decision posted from it)
    [Function("ShowApproval")]
    public Task ShowApproval([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest request) => api.ServeAsync(request);

    [Function("DecideApproval")]
    public Task DecideApproval([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest request) => api.ServeAsync(request);

    // Payment pages (the link in a dunning letter, and the customer's answers posted from it)
    [Function("ShowPaymentPage")]
    public Task ShowPaymentPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pay/{token}")] HttpRequest request) => api.ServeAsync(request);

    [Function("ConfirmPayment")]
    public Task ConfirmPayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pay/{token}/confirm")] HttpRequest request) => api.ServeAsync(request);

    [Function("PromisePayment")]
    public Task PromisePayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pay/{token}/promise")] HttpRequest request) => api.ServeAsync(request);

    [Function("DisputeInvoiceFromPaymentPage")]
    public Task DisputeInvoiceFromPaymentPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pay/{token}/dispute")] HttpRequest request) => api.ServeAsync(request);

    // Invoices (dunning)
    [Function("ListInvoices")]
    public Task ListInvoices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/invoices")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetInvoice")]
    public Task GetInvoice([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/invoices/{invoiceId}")] HttpRequest request) => api.ServeAsync(request);

    [Function("RaiseInvoiceDispute")]
    public Task RaiseInvoiceDispute([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/invoices/{invoiceId}/disputes")] HttpRequest request) => api.ServeAsync(request);

    [Function("ResolveInvoiceDispute")]
    public Task ResolveInvoiceDispute([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/invoices/{invoiceId}/disputes/resolve")] HttpRequest request) => api.ServeAsync(request);

    [Function("RecordPaymentPromise")]
    public Task RecordPaymentPromise([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/invoices/{invoiceId}/promises")] HttpRequest request) => api.ServeAsync(request);

    [Function("RequestPaymentExtension")]
    public Task RequestPaymentExtension([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/invoices/{invoiceId}/extensions")] HttpRequest request) => api.ServeAsync(request);

    [Function("SubmitCollectionPlan")]
    public Task SubmitCollectionPlan([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/invoices/{invoiceId}/collection-plans")] HttpRequest request) => api.ServeAsync(request);

    [Function("ListCustomerInvoices")]
    public Task ListCustomerInvoices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{customerId}/invoices")] HttpRequest request) => api.ServeAsync(request);

    // Tasks
    [Function("ListTasks")]
    public Task ListTasks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tasks")] HttpRequest request) => api.ServeAsync(request);

    [Function("CompleteTask")]
    public Task CompleteTask([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tasks/{taskId}/complete")] HttpRequest request) => api.ServeAsync(request);

    // Warnings
    [Function("ListWarnings")]
    public Task ListWarnings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/warnings")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetWarning")]
    public Task GetWarning([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/warnings/{warningId}")] HttpRequest request) => api.ServeAsync(request);

    [Function("AnswerWarning")]
    public Task AnswerWarning([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/warnings/{warningId}/answer")] HttpRequest request) => api.ServeAsync(request);

    // Re-reviews
    [Function("ListReviews")]
    public Task ListReviews([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reviews")] HttpRequest request) => api.ServeAsync(request);

    [Function("ListCustomerReviews")]
    public Task ListCustomerReviews([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{customerId}/reviews")] HttpRequest request) => api.ServeAsync(request);

    [Function("RequestReview")]
    public Task RequestReview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/customers/{customerId}/reviews")] HttpRequest request) => api.ServeAsync(request);

    // Signals (a data provider's signed webhook, or staff with an API key)
    [Function("ReceiveSignal")]
    public Task ReceiveSignal([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/signals")] HttpRequest request) => api.ServeAsync(request);

    [Function("ListSignals")]
    public Task ListSignals([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/signals")] HttpRequest request) => api.ServeAsync(request);

    // Legal cases (API keys) and the collection agencies (signed webhooks)
    [Function("ListCases")]
    public Task ListCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cases")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetCase")]
    public Task GetCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cases/{caseId}")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetCaseFile")]
    public Task GetCaseFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/cases/{caseId}/file")] HttpRequest request) => api.ServeAsync(request);

    [Function("OpenCase")]
    public Task OpenCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases")] HttpRequest request) => api.ServeAsync(request);

    [Function("AcceptCase")]
    public Task AcceptCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{caseId}/acceptance")] HttpRequest request) => api.ServeAsync(request);

    [Function("RecallCase")]
    public Task RecallCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{caseId}/recall")] HttpRequest request) => api.ServeAsync(request);

    [Function("ProposeCaseWriteOff")]
    public Task ProposeCaseWriteOff([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{caseId}/write-off")] HttpRequest request) => api.ServeAsync(request);

    [Function("DecideCase")]
    public Task DecideCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{caseId}/decision")] HttpRequest request) => api.ServeAsync(request);

    [Function("WithdrawCase")]
    public Task WithdrawCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/cases/{caseId}/withdrawal")] HttpRequest request) => api.ServeAsync(request);

    [Function("ReceiveAgencyEvent")]
    public Task ReceiveAgencyEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agency/events")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetAgencyCaseFile")]
    public Task GetAgencyCaseFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agency/cases/{caseId}/file")] HttpRequest request) => api.ServeAsync(request);

    // Blacklist
    [Function("ListBlacklist")]
    public Task ListBlacklist([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/blacklist")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetBlacklistEntry")]
    public Task GetBlacklistEntry([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/blacklist/{registrationNumber}")] HttpRequest request) => api.ServeAsync(request);

    [Function("AddToBlacklist")]
    public Task AddToBlacklist([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/blacklist")] HttpRequest request) => api.ServeAsync(request);

    [Function("ImportIndustryBlacklist")]
    public Task ImportIndustryBlacklist([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/blacklist/import")] HttpRequest request) => api.ServeAsync(request);

    [Function("RemoveFromBlacklist")]
    public Task RemoveFromBlacklist([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/blacklist/{registrationNumber}")] HttpRequest request) => api.ServeAsync(request);

    // Credit policy
    [Function("ListPolicies")]
    public Task ListPolicies([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/policies")] HttpRequest request) => api.ServeAsync(request);

    [Function("GetPolicy")]
    public Task GetPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/policies/{version:int}")] HttpRequest request) => api.ServeAsync(request);

    [Function("DraftPolicy")]
    public Task DraftPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/policies")] HttpRequest request) => api.ServeAsync(request);

    [Function("SimulatePolicy")]
    public Task SimulatePolicy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/policies/{version:int}/simulation")] HttpRequest request) => api.ServeAsync(request);

    [Function("SubmitPolicy")]
    public Task SubmitPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/policies/{version:int}/submission")] HttpRequest request) => api.ServeAsync(request);

    [Function("WithdrawPolicy")]
    public Task WithdrawPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/policies/{version:int}/withdrawal")] HttpRequest request) => api.ServeAsync(request);
}
