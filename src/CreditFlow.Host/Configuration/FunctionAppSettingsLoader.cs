using System.Text.Json;

namespace CreditFlow.Host.Configuration;

/// <summary>
/// Reads configuration the way Azure Functions users know it: <c>host.json</c> (as section
/// <c>AzureFunctionsJobHost</c>), then <c>local.settings.json</c> <c>Values</c> when present, then
/// environment variables over both (<c>__</c> separates sections, as in Functions).
/// </summary>
public static class FunctionAppSettingsLoader
{
    public const string HostSection = "AzureFunctionsJobHost";

    /// <summary>Loads the merged settings as configuration key/value pairs (keys use ':').</summary>
    /// <param name="appRoot">Folder holding host.json and, optionally, local.settings.json.</param>
    /// <param name="environment">Environment variables; passed in so the precedence is testable.</param>
    /// <exception cref="SettingsException">host.json is missing, or either file is not valid JSON of the expected shape.</exception>
    public static Dictionary<string, string?> Load(string appRoot, IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        var hostJson = Path.Combine(appRoot, "host.json");
        if (!File.Exists(hostJson))
        {
            throw new SettingsException("host.json", $"file not found in '{appRoot}'.");
        }

        using (var host = Parse(hostJson, "host.json"))
        {
            if (host.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SettingsException("host.json", "must be a JSON object.");
            }

            Flatten(host.RootElement, HostSection, settings);
        }

        var localSettings = Path.Combine(appRoot, "local.settings.json");
        if (File.Exists(localSettings))
        {
            using var local = Parse(localSettings, "local.settings.json");
            if (local.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SettingsException("local.settings.json", "must be a JSON object.");
            }

            if (local.RootElement.TryGetProperty("Values", out var values))
            {
                if (values.ValueKind != JsonValueKind.Object)
                {
                    throw new SettingsException("local.settings.json Values", "must be an object of name/value pairs.");
                }

                foreach (var value in values.EnumerateObject())
                {
                    if (value.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        throw new SettingsException($"local.settings.json Values.{value.Name}", "must be a string, number or boolean, as in Azure Functions.");
                    }

                    settings[ToConfigurationKey(value.Name)] = Scalar(value.Value);
                }
            }
        }

        foreach (var (name, value) in environment)
        {
            settings[ToConfigurationKey(name)] = value;
        }

        return settings;
    }

    private static JsonDocument Parse(string path, string displayName)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new SettingsException(displayName, $"is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}.");
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{prefix}:{property.Name}", into);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}", into);
                }

                break;
            default:
                into[prefix] = Scalar(element);
                break;
        }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        _ => element.GetRawText(),
    };

    private static string ToConfigurationKey(string name) => name.Replace("__", ":", StringComparison.Ordinal);
}
