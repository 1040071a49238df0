using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CreditFlow.Host.Signals;

/// <summary>
/// Section <c>Signals</c>: the external data providers allowed to post signals, each with the key it signs its webhook
/// with (<c>Signals__Providers__{name}__SigningKey</c>), and how far a signature's timestamp may be from now.
/// </summary>
internal sealed partial class SignalOptions : IValidatableObject
{
    /// <summary>At least this many characters in a signing key, as for the ERP's keys.</summary>
    public const int KeyChars = 32;

    /// <summary>The providers by name (any case; stored lower-case): letters, digits, '.', '_' and '-', at most 64, not <c>staff</c>.</summary>
    public Dictionary<string, SignalProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far a webhook's <c>X-CreditFlow-Timestamp</c> may be from now, either way; 5 minutes by default, as the ERP's.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00", ErrorMessage = "Signals__SignatureWindow must be a time span from 00:00:30 to 01:00:00.")]
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when <paramref name="name"/> can name a provider: it is stored in table keys and shown to staff as the signal's source.</summary>
    public static bool IsProviderName(string name) => ProviderName().IsMatch(name) && !string.Equals(name, SignalsApi.StaffProvider, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, provider) in Providers)
        {
            var setting = $"Signals__Providers__{name}";
            if (!IsProviderName(name))
            {
                yield return new ValidationResult(
                    $"{setting}: a provider's name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, and not '{SignalsApi.StaffProvider}' (staff signals' own).",
                    [nameof(Providers)]);
            }

            if (string.IsNullOrEmpty(provider.SigningKey))
            {
                yield return new ValidationResult($"{setting}__SigningKey is required: the key the provider signs its webhooks with.", [nameof(Providers)]);
            }
            else if (provider.SigningKey.Length < KeyChars)
            {
                yield return new ValidationResult($"{setting}__SigningKey must be at least {KeyChars} characters.", [nameof(Providers)]);
            }

            if (provider.PreviousSigningKey is { Length: > 0 and < KeyChars })
            {
                yield return new ValidationResult($"{setting}__PreviousSigningKey must be at least {KeyChars} characters when set.", [nameof(Providers)]);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ProviderName();
}

/// <summary>One provider's keys: <c>Signals__Providers__{name}__SigningKey</c> and, while rotating, <c>__PreviousSigningKey</c>.</summary>
internal sealed class SignalProviderOptions
{
    /// <summary>The key the provider signs with (at least 32 characters), shared with it and used for nothing else.</summary>
    public string? SigningKey { get; set; }

    /// <summary>While rotating: the key <see cref="SigningKey"/> replaces; webhooks signed with either are accepted.</summary>
    public string? PreviousSigningKey { get; set; }
}
