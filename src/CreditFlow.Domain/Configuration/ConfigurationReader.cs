using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Configuration;

/// <summary>
/// Reads a JSON rule configuration while collecting every problem with its JSON path, so that one
/// load reports all of them instead of the first.
/// </summary>
/// <remarks>
/// Shared by every rule area of this project; <see cref="ConfigurationDialect"/> says how each area
/// words its problems. Readers return <c>null</c> after recording a problem; callers build only once
/// <see cref="ThrowIfAny"/> passes.
/// </remarks>
/// <param name="dialect">How strictly the JSON is read and how problems are worded.</param>
internal sealed class ConfigurationReader(ConfigurationDialect dialect)
{
    private readonly List<ConfigurationProblem> problems = [];
    private readonly bool scoring = dialect == ConfigurationDialect.Scoring;

    /// <summary>Every problem recorded so far.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => problems;

    /// <summary>The list the problems are collected in, for checks shared with constructors.</summary>
    public ICollection<ConfigurationProblem> Sink => problems;

    /// <summary>Parses <paramref name="json"/>; a syntax error (or, in <see cref="ConfigurationDialect.Rules"/>, a non-object root) throws at once.</summary>
    /// <exception cref="InvalidConfigurationException">The text is not JSON the dialect accepts.</exception>
    public JsonDocument Open(string json, string configuration)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = scoring });
        }
        catch (JsonException e)
        {
            var path = scoring ? $"$ (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1})" : "$";
            throw new InvalidConfigurationException(configuration, [new ConfigurationProblem(path, $"not valid JSON: {e.Message}")]);
        }

        if (!scoring && document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidConfigurationException(configuration, [new ConfigurationProblem("$", "must be a JSON object")]);
        }

        return document;
    }

    /// <summary>Records a problem.</summary>
    public void Problem(string path, string problem) => problems.Add(new ConfigurationProblem(path, problem));

    /// <summary>Throws when anything was recorded.</summary>
    /// <exception cref="InvalidConfigurationException">At least one problem was recorded.</exception>
    public void ThrowIfAny(string configuration)
    {
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(configuration, problems.ToArray());
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing <paramref name="problems"/> when there are any.</summary>
    /// <remarks>Constructors run the same checks as the loader and report them this way.</remarks>
    /// <exception cref="ArgumentException">At least one problem.</exception>
    public static void ThrowArgumentIfAny(IReadOnlyCollection<ConfigurationProblem> problems, string parameterName)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), parameterName);
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

    /// <summary>The property <paramref name="name"/> of an object, or null (with a problem when required).</summary>
    public JsonElement? Property(JsonElement parent, string path, string name, bool required = true)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"must be an object, was {Describe(parent)}");
            return null;
        }

        if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Problem($"{path}.{name}", "is required");
        }

        return null;
    }

    /// <summary>A number property.</summary>
    public decimal? Decimal(JsonElement parent, string path, string name, bool required = true)
    {
        if (Property(parent, path, name, required) is not { } value)
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

    /// <summary>A whole-number property.</summary>
    public int? Int(JsonElement parent, string path, string name, bool required = true)
    {
        if (Property(parent, path, name, required) is not { } value)
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

    /// <summary>A boolean property.</summary>
    public bool? Bool(JsonElement parent, string path, string name, bool required = true)
    {
        if (Property(parent, path, name, required) is not { } value)
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

    /// <summary>A non-empty string property.</summary>
    public string? String(JsonElement parent, string path, string name, bool required = true)
    {
        if (Property(parent, path, name, required) is not { } value)
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

    /// <summary>A string property naming a member of <typeparamref name="TEnum"/> (case-insensitive).</summary>
    public TEnum? Enum<TEnum>(JsonElement parent, string path, string name, bool required = true)
        where TEnum : struct, Enum
    {
        // The scoring dialect reads the name as a string first, so a number or a blank is "must be a non-empty string".
        var present = scoring ? String(parent, path, name, required) is not null : Property(parent, path, name, required) is not null;
        return present ? EnumValue<TEnum>(parent.GetProperty(name), $"{path}.{name}") : null;
    }

    /// <summary>Converts <paramref name="value"/> to a member of <typeparamref name="TEnum"/>, recording a problem when it names none.</summary>
    /// <remarks>Numbers are refused so the file stays readable.</remarks>
    public TEnum? EnumValue<TEnum>(JsonElement value, string path)
        where TEnum : struct, Enum
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is not null && IsMemberName(text, out TEnum parsed))
        {
            return parsed;
        }

        var names = string.Join(", ", System.Enum.GetNames<TEnum>());
        Problem(path, scoring ? $"'{text}' is not one of {names}" : $"must be one of {names}, was {Describe(value)}");
        return null;
    }

    /// <summary>A three-letter ISO 4217 currency code property.</summary>
    public Currency? Currency(JsonElement parent, string path, string name, bool required = true)
    {
        if (String(parent, path, name, required) is not { } code)
        {
            return null;
        }

        try
        {
            return new Currency(code);
        }
        catch (ArgumentException)
        {
            Problem($"{path}.{name}", scoring ? $"'{code}' is not a three-letter ISO 4217 code" : $"must be a three-letter ISO 4217 code, was '{code}'");
            return null;
        }
    }

    /// <summary>An amount of money written as <c>{ "amount": 500000, "currency": "CNY" }</c>.</summary>
    public Money? Money(JsonElement parent, string path, string name, bool required = true)
    {
        if (Property(parent, path, name, required) is not { } value)
        {
            return null;
        }

        var here = $"{path}.{name}";
        var amount = Decimal(value, here, "amount");
        var currency = Currency(value, here, "currency");
        return amount is { } a && currency is { } c ? new Money(a, c) : null;
    }

    /// <summary>The items of an array property, each with its path; empty (with a problem) when absent or not an array.</summary>
    /// <remarks>An empty array is a problem (<c>must not be empty</c>) unless <paramref name="allowEmpty"/>, for callers that word it themselves.</remarks>
    public IReadOnlyList<(JsonElement Item, string Path)> Array(JsonElement parent, string path, string name, bool required = true, bool allowEmpty = false)
    {
        if (Property(parent, path, name, required) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}.{name}", $"must be an array, was {Describe(value)}");
            return [];
        }

        if (value.GetArrayLength() == 0 && !allowEmpty)
        {
            Problem($"{path}.{name}", "must not be empty");
        }

        return value.EnumerateArray().Select((item, i) => (item, $"{path}.{name}[{i}]")).ToArray();
    }

    /// <summary>Records a problem unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void InRange(decimal? value, string path, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Problem(path, $"{Format(v)} is outside {Format(min)}..{Format(max)}");
        }
    }

    /// <summary>Formats a number for a message without trailing zeros.</summary>
    public static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private bool IsMemberName<TEnum>(string text, out TEnum parsed)
        where TEnum : struct, Enum
    {
        parsed = default;
        return scoring
            ? System.Enum.TryParse(text, ignoreCase: true, out parsed) && System.Enum.IsDefined(parsed) && !text.Any(char.IsAsciiDigit)
            : text.Length > 0 && char.IsAsciiLetter(text[0]) && System.Enum.TryParse(text, ignoreCase: true, out parsed);
    }

    private string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => scoring ? $"\"{value.GetString()}\"" : $"'{value.GetString()}'",
        JsonValueKind.Object => scoring ? "an object" : "object",
        JsonValueKind.Array => scoring ? "an array" : "array",
        _ => value.GetRawText(),
    };
}
