using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Host.Mail;

/// <summary>Section <c>Mail</c>. The sender address comes from <c>SendGrid:From</c>.</summary>
internal sealed class MailOptions
{
    /// <summary>Prefix of the mail containers, so several hosts (or tests) can share one account.</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9]{2,40}$", ErrorMessage = "Mail__StoragePrefix must be 3-41 lowercase letters or digits, starting with a letter.")]
    public string StoragePrefix { get; set; } = "creditflow";

    [Required]
    public string From { get; set; } = "credit@creditflow.local";

    /// <summary>Where the local outbox keeps mails when no SendGrid key is set.</summary>
    public string OutboxContainer => $"{StoragePrefix}-outbox";

    /// <summary>Markers of mails SendGrid accepted, one per idempotency key.</summary>
    public string SentContainer => $"{StoragePrefix}-mailsent";
}
