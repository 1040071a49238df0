using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Money;

namespace CreditFlow.Domain.Defaults;

/// <summary>
/// Reads a rule configuration from JSON while collecting every problem with its JSON path, so a
/// bad file is reported in full rather than one error per attempt.
/// </summary>
/// <remarks>Readers return <c>null</c> after recording a problem; callers build only when <see cref="ThrowIfProblems"/> passes.</remarks>
internal sealed class JsonRuleReader(string configuration)
{
    private readonly List<ConfigurationProblem> problems = [];

    /// <summary>Parses <paramref name="json"/>; malformed JSON or a non-object root is reported as a problem at <c>$</c>.</summary>
    /// <exception cref="InvalidConfigurationException">The text is not a JSON object.</exception>
    public static JsonDocument ParseDocument(string json, string configuration)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidConfigurationException(configuration, [new ConfigurationProblem("$", $"not valid JSON: {e.Message}")]);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidConfigurationException(configuration, [new ConfigurationProblem("$", "must be a JSON object")]);
        }

        return document;
    }

    public bool HasProblems => problems.Count > 0;

    public void Problem(string path, string problem) => problems.Add(new ConfigurationProblem(path, problem));

    /// <exception cref="InvalidConfigurationException">At least one problem was recorded.</exception>
    public void ThrowIfProblems()
    {
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(configuration, problems.ToArray());
        }
    }

    /// <summary>Checks that <paramref name="element"/> is an object and has no property outside <paramref name="allowed"/> (typos are errors, not silently ignored).</summary>
    public bool Object(JsonElement element, string path, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"must be an object, was {Describe(element)}");
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Problem($"{path}.{property.Name}", $"unknown property (expected one of: {string.Join(", ", allowed)})");
            }
        }

        return true;
    }

    /// <summary>True when the property exists and is not JSON <c>null</c>.</summary>
    public static bool Has(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public decimal? Decimal(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Present(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        Problem($"{path}.{name}", $"must be a number, was {Describe(value)}");
        return null;
    }

    public int? Int(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Present(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Problem($"{path}.{name}", $"must be a whole number, was {Describe(value)}");
        return null;
    }

    public bool? Bool(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Present(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Problem($"{path}.{name}", $"must be true or false, was {Describe(value)}");
        return null;
    }

    public string? String(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Present(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        Problem($"{path}.{name}", $"must be a non-empty string, was {Describe(value)}");
        return null;
    }

    public TEnum? Enum<TEnum>(JsonElement obj, string path, string name, bool required = true)
        where TEnum : struct, Enum
    {
        if (!Present(obj, path, name, required, out var value))
        {
            return null;
        }

        return EnumValue<TEnum>(value, $"{path}.{name}");
    }

    /// <summary>Reads an enum name (case-insensitive); numbers are refused so the file stays readable.</summary>
    public TEnum? EnumValue<TEnum>(JsonElement value, string path)
        where TEnum : struct, Enum
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is { Length: > 0 } && char.IsAsciiLetter(text[0]) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        Problem(path, $"must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}, was {Describe(value)}");
        return null;
    }

    public Currency? Currency(JsonElement obj, string path, string name)
    {
        var code = String(obj, path, name);
        if (code is null)
        {
            return null;
        }

        if (code.Length == 3 && code.All(char.IsAsciiLetterUpper))
        {
            return new Currency(code);
        }

        Problem($"{path}.{name}", $"must be a three-letter ISO 4217 code, was '{code}'");
        return null;
    }

    /// <summary>The elements of an array property with their paths; empty (and a problem) when missing or not an array.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> Array(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Present(obj, path, name, required, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}.{name}", $"must be an array, was {Describe(value)}");
            return [];
        }

        return value.EnumerateArray().Select((e, i) => (e, $"{path}.{name}[{i}]")).ToArray();
    }

    private bool Present(JsonElement obj, string path, string name, bool required, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Problem($"{path}.{name}", "is required");
        }

        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
