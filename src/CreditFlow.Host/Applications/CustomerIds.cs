using System.Text.RegularExpressions;

namespace CreditFlow.Host.Applications;

/// <summary>Customer ids derived from the registration number, so the same company always gets the same id.</summary>
internal static partial class CustomerIds
{
    /// <summary>"cust-" + the registration number lower-cased, each run of characters other than a-z and 0-9 replaced by "-".</summary>
    /// <example>"91310000-MA1K 4X" → "cust-91310000-ma1k-4x".</example>
    public static string FromRegistrationNumber(string registrationNumber) =>
        "cust-" + NotLowercaseAlphanumeric().Replace(registrationNumber.ToLowerInvariant(), "-");

    /// <summary>True when the number has at least one ASCII letter or digit, so its id says something.</summary>
    public static bool CanIdentify(string registrationNumber) => registrationNumber.Any(char.IsAsciiLetterOrDigit);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLowercaseAlphanumeric();
}
