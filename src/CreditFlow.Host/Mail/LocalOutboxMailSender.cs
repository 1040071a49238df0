using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Host.Mail;

/// <summary>
/// Development mail: each mail becomes a JSON blob in <c>&lt;prefix&gt;-outbox</c>, named after its
/// idempotency key, and is read back by <c>/api/outbox</c> and <c>/admin/outbox</c>.
/// </summary>
internal sealed class LocalOutboxMailSender(BlobServiceClient blobs, IOptions<MailOptions> options, TimeProvider time) : IMailSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.OutboxContainer);
    private readonly string _from = options.Value.From;
    private volatile bool _containerExists;

    public async Task SendAsync(MailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = new StoredMail(idempotencyKey, time.GetUtcNow(), _from, message.To, message.Subject, message.HtmlBody, message.TextBody, message.Links);
        await EnsureContainerAsync(cancellationToken);
        try
        {
            // If-None-Match: * — a retry with the same key keeps the first mail and its time.
            await _container.GetBlobClient(MailKeys.BlobName(idempotencyKey)).UploadAsync(
                BinaryData.FromObjectAsJson(mail, Json),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                },
                cancellationToken);
            CreditFlowTelemetry.MailSent("outbox");
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Already in the outbox: this send is a retry.
        }
    }

    /// <summary>The newest <paramref name="max"/> mails, newest first.</summary>
    public async Task<IReadOnlyList<StoredMail>> ListAsync(CancellationToken cancellationToken, int max = 200)
    {
        if (!_containerExists && !await _container.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var mails = new List<StoredMail>();
        await foreach (var item in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            if (content.Value.Content.ToObjectFromJson<StoredMail>(Json) is { } mail)
            {
                mails.Add(mail);
            }
        }

        // Blob names are hashes, so order comes from the stored time; the key breaks ties stably.
        return mails.OrderByDescending(m => m.StoredAt).ThenBy(m => m.IdempotencyKey, StringComparer.Ordinal).Take(max).ToList();
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }
}
