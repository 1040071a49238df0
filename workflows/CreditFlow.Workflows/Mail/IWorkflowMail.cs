namespace CreditFlow.Workflows.Mail;

/// <summary>
/// How activities send mail; the host supplies SendGrid or the local outbox. Activities run at
/// least once, so each send carries the activity's idempotency key and goes out once.
/// </summary>
public interface IWorkflowMail
{
    /// <summary>Sends <paramref name="mail"/> unless a mail with <paramref name="idempotencyKey"/> was sent before.</summary>
    Task SendAsync(WorkflowMail mail, string idempotencyKey, CancellationToken cancellationToken);
}
