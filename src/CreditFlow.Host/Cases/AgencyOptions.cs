using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CreditFlow.Host.Cases;

/// <summary>
/// Section <c>Agencies</c>: the collection agencies cases can be placed with, by name (<c>Agencies__{name}__Url</c>,
/// <c>__SigningKey</c>, <c>__PreviousSigningKey</c> while rotating, <c>__CommissionPercent</c>), and how far a report's
/// signature timestamp may be from now.
/// </summary>
internal sealed partial class AgencyOptions : IValidatableObject
{
    /// <summary>At least this many characters in a signing key, as for the ERP's keys.</summary>
    public const int KeyChars = 32;

    /// <summary>The agencies by name (any case; stored lower-case).</summary>
    public Dictionary<string, AgencySettings> Agencies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far a report's <c>X-CreditFlow-Timestamp</c> may be from now, either way; 5 minutes as the ERP's.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long CreditFlow waits for an agency to take a placement or a recall.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, agency) in Agencies)
        {
            var setting = $"Agencies__{name}";
            if (!AgencyName().IsMatch(name))
            {
                yield return new ValidationResult($"{setting}: an agency's name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.", [nameof(Agencies)]);
            }

            if (agency.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"{setting}__Url is required: the absolute http(s) address the agency takes placements and recalls at.", [nameof(Agencies)]);
            }

            if (agency.SigningKey is not { Length: >= KeyChars })
            {
                yield return new ValidationResult($"{setting}__SigningKey is required, at least {KeyChars} characters: the key shared with the agency, both ways.", [nameof(Agencies)]);
            }

            if (agency.PreviousSigningKey is { Length: > 0 and < KeyChars })
            {
                yield return new ValidationResult($"{setting}__PreviousSigningKey must be at least {KeyChars} characters when set.", [nameof(Agencies)]);
            }

            if (agency.CommissionPercent is < 0m or > 100m)
            {
                yield return new ValidationResult($"{setting}__CommissionPercent must be from 0 to 100 (was {agency.CommissionPercent}).", [nameof(Agencies)]);
            }
        }

        if (SignatureWindow < TimeSpan.FromSeconds(30) || SignatureWindow > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Agencies__SignatureWindow must be a time span from 00:00:30 to 01:00:00.", [nameof(SignatureWindow)]);
        }

        if (SendTimeout < TimeSpan.FromSeconds(1) || SendTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Agencies__SendTimeout must be a time span from 00:00:01 to 00:05:00.", [nameof(SendTimeout)]);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex AgencyName();
}

/// <summary>One agency: where it takes cases, the key both sides sign with, its commission.</summary>
internal sealed class AgencySettings
{
    /// <summary>Where placements and recalls are posted.</summary>
    public Uri? Url { get; set; }

    /// <summary>The key shared with the agency (at least 32 characters), used for nothing else.</summary>
    public string? SigningKey { get; set; }

    /// <summary>While rotating: the key <see cref="SigningKey"/> replaces; reports signed with either are accepted.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>The share of each recovery the agency keeps, in percent. Default 15, a common contingency fee for commercial debt.</summary>
    public decimal CommissionPercent { get; set; } = 15m;
}
