using CreditFlow.Host.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Applications;

/// <summary>Documents of an application: financial statements and contracts.</summary>
public static partial class ApplicationsApi
{
    /// <summary>Room for the multipart framing around a file of the largest accepted size.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    /// <summary>
    /// The request size an upload of a document may have: the largest document the store takes and its multipart
    /// framing (Kestrel refuses far larger bodies outright; the document store decides at its exact limit).
    /// </summary>
    internal static RequestSizeLimitAttribute DocumentUploadLimit(IEndpointRouteBuilder app) =>
        new(app.ServiceProvider.GetRequiredService<IOptions<CreditStorageOptions>>().Value.MaxDocumentBytes + MultipartOverheadBytes);

    /// <summary>A document kind by its exact name (not a number).</summary>
    internal static bool TryParseKind(string? kind, out DocumentKind documentKind) =>
        Enum.TryParse(kind, ignoreCase: false, out documentKind) && Enum.IsDefined(documentKind) && !int.TryParse(kind, out _);

    private static void MapDocuments(RouteGroupBuilder api)
    {
        api.MapPost("/{id}/documents", UploadDocumentAsync)
            .RequireAuthorization(ApiKeyPolicies.WorkOnApplications)
            // The API key travels in a header that browsers never add by themselves, so there is no cross-site form to forge.
            .DisableAntiforgery()
            .WithMetadata(DocumentUploadLimit(api))
            .WithName("UploadApplicationDocument")
            .WithSummary("Uploads a financial statement or contract to an application (multipart/form-data: file, kind).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/{id}/documents/{**name}", DownloadDocumentAsync)
            .RequireAuthorization(ApiKeyPolicies.WorkOnApplications)
            .WithName("DownloadApplicationDocument")
            .WithSummary("Downloads a document of an application, as uploaded.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<Created<DocumentView>, ProblemHttpResult>> UploadDocumentAsync(
        string id, IFormFile? file, [FromForm] string? kind, ApplicationReader reader, DocumentStore documents, CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Application", $"No credit application with id '{id}' exists.");
        }

        var errors = new FieldErrors();
        if (file is null)
        {
            errors.Add("file", "is required: the document as a multipart/form-data file part.");
        }

        if (!TryParseKind(kind, out var documentKind))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", Enum.GetNames<DocumentKind>())} (was '{kind}').");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        try
        {
            await using var content = file!.OpenReadStream();
            var stored = await documents.UploadAsync(id, documentKind, file.FileName, file.ContentType, content, cancellationToken);
            var view = DocumentView.From(stored);
            return TypedResults.Created(view.DownloadUrl, view);
        }
        catch (DocumentTooLargeException e)
        {
            return TypedResults.Problem(title: "Document too large", detail: e.Message, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadDocumentAsync(
        string id, string name, HttpResponse response, ApplicationReader reader, DocumentStore documents, CancellationToken cancellationToken)
    {
        var notFound = ApiProblems.NotFound("Document", $"Application '{id}' has no document named '{name}'.");
        if (!IsDocumentName(name) || await reader.FindAsync(id, cancellationToken) is null)
        {
            return notFound;
        }

        var download = await documents.DownloadAsync(id, $"{id}/{name}", cancellationToken);
        if (download is null)
        {
            return notFound;
        }

        return DocumentDownloads.Attachment(response, download);
    }

    /// <summary>
    /// Names the store hands out are "{kind}/{unique}-{sanitised file}": letters, digits, '.', '-'
    /// and '_' in plain segments. Anything else (dot segments, escapes) could step outside the application.
    /// </summary>
    internal static bool IsDocumentName(string name) =>
        name.Length <= 300 && name.Split('/') is { Length: 2 } segments
        && segments.All(s => s.Length > 0 && s is not "." and not ".." && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));
}
