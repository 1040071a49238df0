using CreditFlow.Storage.Documents;

namespace CreditFlow.Host.Applications;

/// <summary>The name a document downloads under.</summary>
internal static class DocumentFileName
{
    /// <summary>
    /// The name it was uploaded with, or "document" when it came without one: a download name is what makes the response
    /// an attachment, and an uploaded file must never open as a page of this site.
    /// </summary>
    public static string Of(StoredDocument document) =>
        string.IsNullOrWhiteSpace(document.OriginalFileName) ? "document" : document.OriginalFileName;
}
