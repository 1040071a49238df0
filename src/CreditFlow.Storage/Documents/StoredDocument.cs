namespace CreditFlow.Storage.Documents;

/// <summary>An uploaded document of an application.</summary>
/// <param name="Name">The blob name, the document's key for download.</param>
/// <param name="OriginalFileName">The file name as uploaded, unsanitised, for display only.</param>
public sealed record StoredDocument(
    string ApplicationId,
    string Name,
    DocumentKind Kind,
    string OriginalFileName,
    string ContentType,
    long Size,
    DateTimeOffset UploadedAt);
