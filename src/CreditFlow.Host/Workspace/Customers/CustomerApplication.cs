using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Documents;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>A credit application of the customer with the documents filed with it (statements, contracts).</summary>
public sealed record CustomerApplication(CreditApplication Application, IReadOnlyList<StoredDocument> Documents)
{
    /// <summary>
    /// Where a signed-in credit user downloads one of <see cref="Documents"/> (the API's download needs a key in a header,
    /// which a browser does not send).
    /// </summary>
    public string DownloadPath(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{CustomerEndpoints.Path}/{Uri.EscapeDataString(Application.CustomerId)}/documents/{Uri.EscapeDataString(Application.Id)}/{Applications.DocumentDownloads.EscapedName(document)}";
    }
}
