namespace CreditFlow.Host.Mail;

/// <summary>Sends mail. Activities run at least once, so every send carries an idempotency key.</summary>
internal interface IMailSender
{
    /// <summary>
    /// Sends <paramref name="message"/> unless a mail with the same <paramref name="idempotencyKey"/>
    /// was already sent; a retried activity passes the same key and nothing goes out twice.
    /// </summary>
    /// <exception cref="MailSendException">The mail service refused the mail.</exception>
    Task SendAsync(MailMessage message, string idempotencyKey, CancellationToken cancellationToken);
}
