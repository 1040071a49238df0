using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage;
using CreditFlow.Storage.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>
/// <c>GET /credit/customers?q=</c> finds customers (one match opens it at once) and <c>GET /credit/customers/{id}</c> shows
/// one, for any signed-in credit user; those who work on applications add documents to the customer's applications there.
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
        pages.MapPost("/{customerId}/documents/{applicationId}", UploadDocumentAsync)
            .WithMetadata(Applications.ApplicationsApi.DocumentUploadLimit(pages))
            .WithName("CustomerDocumentUpload")
            .WithSummary("Adds a statement or contract to one of the customer's applications, as the signed-in user.");
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

    /// <summary>
    /// A document added from the customer page, checked as the API checks it (a kind, a file, within the size), to one of
    /// this customer's applications only; the outcome comes back as the page's message.
    /// </summary>
    private static async Task<IResult> UploadDocumentAsync(HttpContext http, CreditStore store, DocumentStore documents, string customerId, string applicationId)
    {
        var user = CreditGuard.User(http);
        var ct = http.RequestAborted;
        var back = $"{Path}/{Uri.EscapeDataString(customerId)}#applications";
        if (!Applications.ResourceIds.IsPlausible(customerId) || !Applications.ResourceIds.IsPlausible(applicationId)
            || await store.Applications.GetAsync(applicationId, ct) is not { } application || application.Value.CustomerId != customerId)
        {
            return TypedResults.NotFound();
        }

        if (!ApiKeyPolicies.WorkOnApplicationsRoles.Contains(user.Role))
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"The {WorklistText.Words(user.Role)} may not add documents: the sales rep, a credit officer or the credit manager does. Nothing was stored."));
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var kindText = form?["kind"].ToString();
        var file = form?.Files["file"];
        if (!Applications.ApplicationsApi.TryParseKind(kindText, out var kind))
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"Choose what the document is: {string.Join(" or ", Enum.GetValues<DocumentKind>().Select(k => WorklistText.Words(k)))}. Nothing was stored."));
        }

        if (file is null or { Length: 0 })
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error("Choose a file to add. Nothing was stored."));
        }

        try
        {
            await using var content = file.OpenReadStream();
            var stored = await documents.UploadAsync(applicationId, kind, file.FileName, file.ContentType, content, ct);
            return CreditMessages.RedirectWith(http, back, Flash.Ok($"Added {stored.OriginalFileName} ({WorklistText.Words(kind)}) to application {applicationId}, as {user.Name}."));
        }
        catch (DocumentTooLargeException e)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"{e.Message} Nothing was stored."));
        }
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

        return new RazorComponentResult<CustomerPage>(new
        {
            File = file,
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            MayAddDocuments = ApiKeyPolicies.WorkOnApplicationsRoles.Contains(user.Role),
            Message = PageMessage.From(CreditMessages.TakeFlash(http)),
        });
    }
}
