using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CreditFlow.Host.Configuration;

/// <summary>
/// Typed, range-checked reads of configuration whose errors name the setting as the user wrote it.
/// </summary>
internal sealed class SettingsReader(IConfiguration configuration)
{
    public string? String(string key) => configuration[key];

    public string RequiredString(string key, string displayKey) =>
        configuration[key] is { Length: > 0 } value ? value : throw new SettingsException(displayKey, "is required but not set.");

    public int Int(string key, string displayKey, int defaultValue)
    {
        var raw = configuration[key];
        if (raw is null)
        {
            return defaultValue;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SettingsException(displayKey, $"must be a whole number (was '{raw}').");
    }

    public TimeSpan TimeSpan(string key, string displayKey, TimeSpan defaultValue)
    {
        var raw = configuration[key];
        if (raw is null)
        {
            return defaultValue;
        }

        return System.TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SettingsException(displayKey, $"must be a time span like 00:00:30 (was '{raw}').");
    }

    public Uri? AbsoluteUri(string key, string displayKey)
    {
        var raw = configuration[key];
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        return Uri.TryCreate(raw, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new SettingsException(displayKey, $"must be an absolute http(s) URL (was '{raw}').");
    }
}
