using CreditFlow.Workflows.Mail;

namespace CreditFlow.Host.Mail;

/// <summary>Lets activities mail through whichever <see cref="IMailSender"/> the host runs (SendGrid or the local outbox).</summary>
internal sealed class WorkflowMailSender(IMailSender sender) : IWorkflowMail
{
    public Task SendAsync(WorkflowMail mail, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var links = (mail.Links ?? []).Select(l => new MailLink(l.Text, l.Url)).ToList();
        return sender.SendAsync(new MailMessage(mail.To, mail.Subject, mail.HtmlBody, mail.TextBody, links), idempotencyKey, cancellationToken);
    }
}
