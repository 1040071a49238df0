using CreditFlow.Storage.Documents;

namespace CreditFlow.Host.Applications;

/// <summary>An uploaded document of an application.</summary>
/// <param name="Name">The document's name within its application, as used in <see cref="DownloadUrl"/>.</param>
/// <param name="Kind">FinancialStatement or Contract.</param>
/// <param name="FileName">The file name as uploaded.</param>
public sealed record DocumentView(string Name, string Kind, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string DownloadUrl)
{
    internal static DocumentView From(StoredDocument document)
    {
        // Blob names are "{applicationId}/{kind}/{unique}-{file}"; the application part is already in the URL.
        var name = document.Name[(document.ApplicationId.Length + 1)..];
        return new DocumentView(
            name,
            document.Kind.ToString(),
            document.OriginalFileName,
            document.ContentType,
            document.Size,
            document.UploadedAt,
            $"/api/applications/{Uri.EscapeDataString(document.ApplicationId)}/documents/{DocumentDownloads.EscapedName(document)}");
    }
}
