namespace CreditFlow.Host.Mail;

/// <summary>A mail of the local outbox as its page shows it.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="StoredAt">When the outbox stored it instead of sending it.</param>
/// <param name="From">The sender's address.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="Links">The links it carries, in order.</param>
public sealed record OutboxMail(string Subject, DateTimeOffset StoredAt, string From, string To, string TextBody, IReadOnlyList<OutboxLink> Links);

/// <summary>A link of an outbox mail.</summary>
/// <param name="Text">What the mail calls it.</param>
/// <param name="Url">Its address as written.</param>
/// <param name="Clickable">A web link or a path on this site: shown as an anchor. A javascript: or data: URL stays text.</param>
public sealed record OutboxLink(string Text, string Url, bool Clickable);
