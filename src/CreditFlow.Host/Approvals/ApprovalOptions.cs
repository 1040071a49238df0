using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Host.Approvals;

/// <summary>Section <c>Approvals</c> (its <c>SigningKey</c> is read by <c>CreditFlowSettings</c>).</summary>
internal sealed class ApprovalOptions
{
    /// <summary>How long an approval link works; the onboarding default is 5 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Approvals__TokenLifetime must be between 1 minute and 90 days, e.g. 5.00:00:00.")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Prefix of the approval tables, so several hosts (or tests) can share one account.</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9]{2,40}$", ErrorMessage = "Approvals__StoragePrefix must be 3-41 lowercase letters or digits, starting with a letter.")]
    public string StoragePrefix { get; set; } = "creditflow";

    /// <summary>One row per redeemed token.</summary>
    public string LedgerTable => $"{StoragePrefix}ApprovalTokens";
}
