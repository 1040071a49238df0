using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Host.Mail;

/// <summary>
/// Sends through SendGrid and keeps one sent-marker blob per idempotency key in
/// <c>&lt;prefix&gt;-mailsent</c>, so a retried activity does not mail twice.
/// </summary>
/// <remarks>
/// The marker is written after SendGrid accepted the mail: a crash between the two sends the mail
/// again on retry. Writing it first would lose the mail instead, and a lost approval mail is worse
/// than a duplicate. The key also travels as the custom argument <c>idempotency_key</c>, so the
/// SendGrid activity feed shows which send a mail came from.
/// </remarks>
internal sealed class SendGridMailSender(ISendGridClient client, BlobServiceClient blobs, IOptions<MailOptions> options, TimeProvider time) : IMailSender
{
    public const string IdempotencyArg = "idempotency_key";

    private readonly BlobContainerClient _sent = blobs.GetBlobContainerClient(options.Value.SentContainer);
    private readonly string _from = options.Value.From;
    private volatile bool _containerExists;

    public async Task SendAsync(MailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_containerExists)
        {
            await _sent.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }

        var marker = _sent.GetBlobClient(MailKeys.BlobName(idempotencyKey));
        if (await marker.ExistsAsync(cancellationToken))
        {
            return;
        }

        var mail = MailHelper.CreateSingleEmail(new EmailAddress(_from), new EmailAddress(message.To), message.Subject, message.TextBody, message.HtmlBody);
        mail.AddCustomArg(IdempotencyArg, idempotencyKey);
        var response = await client.SendEmailAsync(mail, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = response.Body is null ? null : await response.Body.ReadAsStringAsync(cancellationToken);
            throw new MailSendException(response.StatusCode, idempotencyKey, detail);
        }

        CreditFlowTelemetry.MailSent("sendgrid");

        var record = new { idempotencyKey, to = message.To, subject = message.Subject, sentAt = time.GetUtcNow() };
        try
        {
            await marker.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(record)), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A concurrent retry marked it first; the mail is sent either way.
        }
    }
}
