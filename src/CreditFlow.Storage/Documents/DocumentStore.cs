using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CreditFlow.Storage.Documents;

/// <summary>
/// Financial statements and contracts per application, as blobs named
/// <c>{applicationId}/{kind}/{unique}-{sanitised file name}</c>; kind, original file name and
/// upload time live in the blob's metadata, content type and size in its properties.
/// </summary>
public sealed class DocumentStore
{
    private const string KindKey = "kind";
    private const string OriginalNameKey = "originalfilename";
    private const string UploadedAtKey = "uploadedat";

    private readonly BlobContainerClient _container;
    private readonly TimeProvider _clock;
    private readonly long _maxBytes;

    internal DocumentStore(BlobContainerClient container, TimeProvider clock, long maxBytes) =>
        (_container, _clock, _maxBytes) = (container, clock, maxBytes);

    /// <summary>Uploads a document of an application.</summary>
    /// <exception cref="DocumentTooLargeException">It exceeds the configured size limit; nothing is stored.</exception>
    public async Task<StoredDocument> UploadAsync(
        string applicationId, DocumentKind kind, string originalFileName, string contentType, Stream content, CancellationToken cancellationToken = default)
    {
        TableKeys.Check(applicationId, nameof(applicationId));
        ArgumentNullException.ThrowIfNull(content);
        contentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;

        // Buffer up to the limit: a request body stream has no length to check up front, and a
        // half-uploaded blob must never be left behind.
        using var buffer = await ReadBoundedAsync(content, originalFileName, cancellationToken);
        var uploadedAt = _clock.GetUtcNow();
        var name = $"{applicationId}/{kind}/{Guid.NewGuid():N}-{FileNames.Sanitise(originalFileName)}";
        await _container.GetBlobClient(name).UploadAsync(
            buffer,
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string>
                {
                    [KindKey] = kind.ToString(),
                    // Metadata values must be ASCII; the original name may be anything.
                    [OriginalNameKey] = Uri.EscapeDataString(originalFileName ?? string.Empty),
                    [UploadedAtKey] = uploadedAt.ToString("O", CultureInfo.InvariantCulture),
                },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            },
            cancellationToken);
        return new StoredDocument(applicationId, name, kind, originalFileName ?? string.Empty, contentType, buffer.Length, uploadedAt);
    }

    /// <summary>The documents of an application, by name.</summary>
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        TableKeys.Check(applicationId, nameof(applicationId));
        var result = new List<StoredDocument>();
        await foreach (var blob in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, applicationId + "/", cancellationToken))
        {
            result.Add(ToDocument(applicationId, blob.Name, blob.Metadata, blob.Properties.ContentType, blob.Properties.ContentLength ?? 0));
        }

        return result;
    }

    /// <summary>Opens a document for reading, or null when there is none by that name.</summary>
    public async Task<DocumentContent?> DownloadAsync(string applicationId, string name, CancellationToken cancellationToken = default)
    {
        TableKeys.Check(applicationId, nameof(applicationId));
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.StartsWith(applicationId + "/", StringComparison.Ordinal))
        {
            // A document is only reachable through its own application.
            return null;
        }

        try
        {
            var response = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = response.Value.Details;
            return new DocumentContent(
                ToDocument(applicationId, name, details.Metadata, details.ContentType, details.ContentLength),
                response.Value.Content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<MemoryStream> ReadBoundedAsync(Stream content, string originalFileName, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > _maxBytes)
        {
            throw new DocumentTooLargeException(originalFileName, _maxBytes);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxBytes)
            {
                await buffer.DisposeAsync();
                throw new DocumentTooLargeException(originalFileName, _maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static StoredDocument ToDocument(string applicationId, string name, IDictionary<string, string> metadata, string contentType, long size) => new(
        applicationId,
        name,
        Enum.Parse<DocumentKind>(metadata[KindKey]),
        Uri.UnescapeDataString(metadata[OriginalNameKey]),
        contentType,
        size,
        DateTimeOffset.Parse(metadata[UploadedAtKey], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
}
