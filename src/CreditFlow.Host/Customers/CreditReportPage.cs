using CreditFlow.Host.Pages;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Workspace;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Customers;

/// <summary>
/// <c>/credit/customers/{id}/report</c>: the customer's latest credit report for a signed-in credit
/// user, so a link opens it in a browser (the API's <c>/api/customers/{id}/report</c> needs the key
/// in a header, which a browser does not send).
/// </summary>
internal static class CreditReportPage
{
    private const string Root = "/credit/customers";

    // The report is our own HTML, but it quotes customer data: let it style itself and nothing more.
    private const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static string PathOf(string customerId) => $"{Root}/{Uri.EscapeDataString(customerId)}/report";

    public static RouteHandlerBuilder MapCreditReportPage(this IEndpointRouteBuilder app) =>
        app.MapGroup(Root)
            .GuardedAsWorkspacePages()
            .MapGet("/{id}/report", ShowAsync)
            .AddEndpointFilter(CreditGuard.SignedInAsync)
            .ExcludeFromDescription()
            .WithName("CreditReportPage")
            .WithSummary("The customer's latest credit report, in the browser.");

    public static async Task<IResult> ShowAsync(HttpContext http, string id, CreditProfileRepository profiles, CreditReportStore reports)
    {
        if (!ResourceIds.IsPlausible(id) || await profiles.GetAsync(id, http.RequestAborted) is not { Value.CreditReportBlob: { } blob }
            || await reports.GetAsync(blob, http.RequestAborted) is not { } report)
        {
            return WorkspaceNotices.NotFound(
                CreditGuard.User(http),
                "No credit report",
                $"Customer {id} has no credit report yet; it is written when an application is scored.",
                "/credit/customers/" + Uri.EscapeDataString(id),
                "The customer's page");
        }

        http.Response.Headers.ContentSecurityPolicy = ReportPolicy;
        return TypedResults.Content(report, "text/html; charset=utf-8");
    }
}
