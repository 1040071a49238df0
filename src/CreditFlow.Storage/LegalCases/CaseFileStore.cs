using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CreditFlow.Storage.LegalCases;

/// <summary>The case files (ZIP archives) as blobs named <c>{caseId}/{file name}</c>, each written once.</summary>
public sealed class CaseFileStore(BlobContainerClient container)
{
    internal BlobContainerClient Container => container;

    /// <summary>Stores a case file unless one by that name exists (a repeated step finds it there); returns its blob name.</summary>
    public async Task<string> AddOnceAsync(string caseId, string fileName, BinaryData content, CancellationToken cancellationToken = default)
    {
        var name = $"{TableKeys.Check(caseId, nameof(caseId))}/{fileName}";
        try
        {
            await container.GetBlobClient(name).UploadAsync(
                content,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" }, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Written by an earlier attempt of the same step.
        }

        return name;
    }

    /// <summary>The case file's bytes, or null when there is none by that name (or it is another case's).</summary>
    public async Task<BinaryData?> GetAsync(string caseId, string blobName, CancellationToken cancellationToken = default)
    {
        if (!blobName.StartsWith(caseId + "/", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
