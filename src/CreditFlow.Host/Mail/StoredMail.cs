namespace CreditFlow.Host.Mail;

/// <summary>A mail as the local outbox keeps it (one JSON blob) and lists it.</summary>
internal sealed record StoredMail(
    string IdempotencyKey,
    DateTimeOffset StoredAt,
    string From,
    string To,
    string Subject,
    string HtmlBody,
    string TextBody,
    IReadOnlyList<MailLink> Links);
