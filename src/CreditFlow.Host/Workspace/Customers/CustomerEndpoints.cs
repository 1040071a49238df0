using CreditFlow.Host.Credit;
using CreditFlow.Host.Workspace.Export;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>
/// <c>GET /credit/customers?q=</c> finds customers (one match opens it at once) and <c>GET /credit/customers/{id}</c> shows
/// one, for any signed-in credit user.
/// </summary>
internal static class CustomerEndpoints
{
    public const string Path = "/credit/customers";

    public static RouteGroupBuilder MapCustomerPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapWorkspaceGroup(Path);
        pages.MapGet("", SearchAsync).WithName("CustomerSearch").WithSummary("Customers whose name or registration number contains the text, or whose id it is.");
        pages.MapGet("/{customerId}", ShowAsync).WithName("CustomerPage").WithSummary("One customer: credit, exposure, invoices, holds, tasks, warnings, cases, applications and their documents, scores, decisions and a timeline.");
        pages.MapGet("/{customerId}/documents/{applicationId}/{**name}", DownloadDocumentAsync).WithName("CustomerDocument").WithSummary("A document filed with one of the customer's applications, as an attachment.");
        pages.MapGet("/{customerId}/invoices.{format}", ExportInvoicesAsync).WithName("CustomerInvoicesExport").WithSummary("All the customer's invoices, as CSV or Excel (xlsx).");
        return pages;
    }

    private static async Task<IResult> ExportInvoicesAsync(HttpContext http, CustomerFiles files, string customerId, string format)
    {
        if (!TableFiles.IsFormat(format) || !Applications.ResourceIds.IsPlausible(customerId) || await files.InvoicesAsync(customerId, http.RequestAborted) is not { } table)
        {
            return TypedResults.NotFound();
        }

        return await TableFiles.DownloadAsync(table, format, http.RequestAborted);
    }

    private static async Task<IResult> DownloadDocumentAsync(HttpContext http, CustomerFiles files, string customerId, string applicationId, string name)
    {
        if (!Applications.ResourceIds.IsPlausible(customerId) || !Applications.ResourceIds.IsPlausible(applicationId) || !Applications.ApplicationsApi.IsDocumentName(name)
            || await files.DocumentAsync(customerId, applicationId, name, http.RequestAborted) is not { } download)
        {
            return TypedResults.NotFound();
        }

        return Applications.DocumentDownloads.Attachment(http.Response, download);
    }

    private static async Task<IResult> SearchAsync(HttpContext http, CustomerFiles files, string? q)
    {
        var user = CreditGuard.User(http);
        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var found = query is null ? [] : await files.SearchAsync(query, http.RequestAborted);
        if (found.Count == 1)
        {
            return TypedResults.Redirect($"{Path}/{Uri.EscapeDataString(found[0].Id)}");
        }

        return new RazorComponentResult<CustomerSearchPage>(new
        {
            Query = query,
            Found = found,
            Limit = CustomerFiles.Found,
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext http, CustomerFiles files, string customerId)
    {
        var user = CreditGuard.User(http);
        var file = Applications.ResourceIds.IsPlausible(customerId) ? await files.ReadAsync(customerId, http.RequestAborted) : null;
        if (file is null)
        {
            return new RazorComponentResult<CustomerSearchPage>(new
            {
                Query = customerId,
                Found = Array.Empty<Storage.Customers.Customer>(),
                Limit = CustomerFiles.Found,
                UserName = user.Name,
                UserRole = WorklistText.Words(user.Role),
            }) { StatusCode = StatusCodes.Status404NotFound };
        }

        return new RazorComponentResult<CustomerPage>(new { File = file, UserName = user.Name, UserRole = WorklistText.Words(user.Role) });
    }
}
