namespace CreditFlow.Host.Mail;

/// <summary>
/// One mail to one recipient. The links are in the bodies too; listing them separately lets the
/// local outbox show them clickable without parsing HTML.
/// </summary>
internal sealed record MailMessage
{
    /// <exception cref="ArgumentException">The recipient or subject is empty.</exception>
    public MailMessage(string to, string subject, string htmlBody, string textBody, IReadOnlyList<MailLink>? links = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        To = to;
        Subject = subject;
        HtmlBody = htmlBody ?? string.Empty;
        TextBody = textBody ?? string.Empty;
        Links = links ?? [];
    }

    public string To { get; }

    public string Subject { get; }

    public string HtmlBody { get; }

    public string TextBody { get; }

    public IReadOnlyList<MailLink> Links { get; }
}
