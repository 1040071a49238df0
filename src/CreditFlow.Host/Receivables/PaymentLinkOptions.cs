using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Host.Receivables;

/// <summary>Section <c>PaymentLinks</c>: how the links in dunning letters to <c>/pay/{token}</c> are signed and how long they work.</summary>
internal sealed class PaymentLinkOptions : IValidatableObject
{
    /// <summary>At least this many characters in a signing key, as for the approval links' key.</summary>
    public const int KeyChars = 32;

    /// <summary>Signs the links (at least 32 characters); empty: a random key per process start.</summary>
    public string? SigningKey { get; set; }

    /// <summary>While rotating: the key <see cref="SigningKey"/> replaces; it still verifies what it signed.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>How long a link works from the letter that carried it; 30 days by default.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "PaymentLinks__Lifetime must be between 1 hour and 365 days, e.g. 30.00:00:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey is { Length: > 0 and < KeyChars })
        {
            yield return new ValidationResult($"PaymentLinks__SigningKey must be at least {KeyChars} characters when set.", [nameof(SigningKey)]);
        }

        if (PreviousSigningKey is { Length: > 0 and < KeyChars })
        {
            yield return new ValidationResult($"PaymentLinks__PreviousSigningKey must be at least {KeyChars} characters when set.", [nameof(PreviousSigningKey)]);
        }

        if (PreviousSigningKey is { Length: > 0 } && string.IsNullOrEmpty(SigningKey))
        {
            yield return new ValidationResult("PaymentLinks__PreviousSigningKey is the key being replaced: set the new one as PaymentLinks__SigningKey too.", [nameof(PreviousSigningKey)]);
        }
    }
}
