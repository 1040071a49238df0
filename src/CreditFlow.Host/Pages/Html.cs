using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    public static string InstanceLink(string instanceId) =>
        $"<a class=\"mono\" href=\"/admin/instances/{U(instanceId)}\">{E(instanceId)}</a>";

    public static string StatusBadge(string status) => $"<span class=\"status s-{E(status)}\">{E(status)}</span>";

    /// <summary>JSON indented for reading; text that is not JSON as it is.</summary>
    public static string Json(string? json)
    {
        if (json is null)
        {
            return "<span class=\"muted\">(none)</span>";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return $"<pre>{E(JsonSerializer.Serialize(document.RootElement, Indented))}</pre>";
        }
        catch (JsonException)
        {
            return $"<pre>{E(json)}</pre>";
        }
    }

    /// <summary>Shortens long values for table cells.</summary>
    public static string Clip(string? text, int length = 160) =>
        text is null ? "" : text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    // Relaxed escaping is safe here because the result is HTML-encoded; it shows "+08:00", not "\u002B08:00".
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
