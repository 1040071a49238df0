using System.Globalization;
using System.Net;

namespace CreditFlow.Host.Pages;

/// <summary>Encoding and small pieces of HTML the pages share. Every value written into HTML goes through <see cref="E"/>.</summary>
internal static class Html
{
    /// <summary>HTML-encodes text for element content and double-quoted attributes.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Escapes a path segment or query value of a link.</summary>
    public static string U(string? text) => Uri.EscapeDataString(text ?? string.Empty);

    /// <summary>A UTC time as the pages show it.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z" : "";

    /// <summary>Shortens long values for table cells.</summary>
    public static string Clip(string? text, int length = 160) =>
        text is null ? "" : text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
