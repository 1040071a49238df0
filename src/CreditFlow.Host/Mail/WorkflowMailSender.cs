using System.Diagnostics;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Host.Mail;

/// <summary>Lets activities mail through whichever <see cref="IMailSender"/> the host runs (SendGrid or the local outbox).</summary>
internal sealed class WorkflowMailSender(IMailSender sender) : IWorkflowMail
{
    /// <summary>Sends in a span of its own (<c>mail_send</c>, the mail's key but not its address: traces are no place for personal data).</summary>
    public async Task SendAsync(WorkflowMail mail, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        using var span = CreditFlowTelemetry.Source.StartActivity("mail_send", ActivityKind.Client);
        span?.SetTag("creditflow.mail.key", idempotencyKey);
        var links = (mail.Links ?? []).Select(l => new MailLink(l.Text, l.Url)).ToList();
        await sender.SendAsync(new MailMessage(mail.To, mail.Subject, mail.HtmlBody, mail.TextBody, links), idempotencyKey, cancellationToken);
    }
}
