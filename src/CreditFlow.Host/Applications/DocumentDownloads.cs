using CreditFlow.Storage.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Applications;

/// <summary>How an application's documents are addressed and served, by the API and by the customer page alike.</summary>
internal static class DocumentDownloads
{
    /// <summary>
    /// The document's name within its application as a URL path ("{kind}/{unique}-{file}", each segment escaped): blob
    /// names are "{applicationId}/{kind}/…", and the application has its own segment in every address.
    /// </summary>
    public static string EscapedName(StoredDocument document) =>
        string.Join('/', document.Name[(document.ApplicationId.Length + 1)..].Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// The document as an attachment, never sniffed: an uploaded file must not run as a page of this site. One uploaded
    /// without a file name downloads as "document" (a download name is what makes the response an attachment).
    /// </summary>
    public static FileStreamHttpResult Attachment(HttpResponse response, DocumentContent download)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        var name = string.IsNullOrWhiteSpace(download.Document.OriginalFileName) ? "document" : download.Document.OriginalFileName;
        return TypedResults.Stream(download.Content, download.Document.ContentType, name);
    }
}
