namespace CreditFlow.Storage.Documents;

/// <summary>An upload exceeded <see cref="CreditStorageOptions.MaxDocumentBytes"/>; nothing was stored.</summary>
public sealed class DocumentTooLargeException : Exception
{
    public DocumentTooLargeException(string fileName, long limitBytes)
        : base($"Document '{fileName}' is larger than the limit of {limitBytes:N0} bytes; nothing was stored. Split or compress it, or ask an admin to raise Storage:MaxDocumentBytes.")
    {
        FileName = fileName;
        LimitBytes = limitBytes;
    }

    public string FileName { get; }

    public long LimitBytes { get; }
}
