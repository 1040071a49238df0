namespace CreditFlow.Host.Mail;

/// <summary>A link a mail carries, e.g. "Review the application" → <c>/approvals/{token}</c>.</summary>
internal sealed record MailLink(string Text, Uri Url);
