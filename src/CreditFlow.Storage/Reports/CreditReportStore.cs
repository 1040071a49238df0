using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CreditFlow.Storage.Reports;

/// <summary>
/// Credit reports as HTML blobs named <c>{customerId}/{unique}.html</c>. Reports are never
/// overwritten: each scoring writes a new one and the profile links the latest
/// (<see cref="Profiles.CustomerCreditProfile.CreditReportBlob"/>), so older decisions keep theirs.
/// </summary>
public sealed class CreditReportStore
{
    private readonly BlobContainerClient _container;

    internal CreditReportStore(BlobContainerClient container) => _container = container;

    /// <summary>Stores a report and returns its blob name, to be linked from the profile.</summary>
    public async Task<string> SaveAsync(string customerId, string html, CancellationToken cancellationToken = default)
    {
        TableKeys.Check(customerId, nameof(customerId));
        ArgumentNullException.ThrowIfNull(html);
        var name = $"{customerId}/{Guid.NewGuid():N}.html";
        await _container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(html),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            },
            cancellationToken);
        return name;
    }

    /// <summary>The report's HTML, or null when there is no report by that name.</summary>
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var response = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return Encoding.UTF8.GetString(response.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
