using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Money;

namespace CreditFlow.Domain.Scoring;

/// <summary>
/// Reads a JSON rule configuration while collecting every problem with its JSON path, so that
/// one load reports all of them instead of the first.
/// </summary>
/// <remarks>Shared by the rule areas of this project (scoring, classes, limits, terms, warnings).</remarks>
internal sealed class ConfigurationReader
{
    private readonly List<ConfigurationProblem> problems = [];

    /// <summary>Every problem recorded so far.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems => problems;

    /// <summary>Parses <paramref name="json"/>; a syntax error throws at once with its position.</summary>
    public static JsonDocument Open(string json, string configuration)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var path = $"$ (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1})";
            throw new InvalidConfigurationException(configuration, [new ConfigurationProblem(path, $"not valid JSON: {e.Message}")]);
        }
    }

    /// <summary>The text of a default configuration shipped inside this assembly.</summary>
    public static string ReadDefault(string fileName)
    {
        var name = $"CreditFlow.Domain.Defaults.{fileName}";
        using var stream = typeof(ConfigurationReader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The default configuration '{name}' is not embedded in {typeof(ConfigurationReader).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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

    /// <summary>The list the problems are collected in, for checks shared with constructors.</summary>
    public ICollection<ConfigurationProblem> Sink => problems;

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
        var text = String(parent, path, name, required);
        return text is null ? null : EnumValue<TEnum>(text, $"{path}.{name}");
    }

    /// <summary>Converts <paramref name="text"/> to a member of <typeparamref name="TEnum"/>, recording a problem when it is none.</summary>
    public TEnum? EnumValue<TEnum>(string text, string path)
        where TEnum : struct, Enum
    {
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !text.Any(char.IsAsciiDigit))
        {
            return parsed;
        }

        Problem(path, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return null;
    }

    /// <summary>The items of an array property, each with its path; empty (with a problem) when absent or not an array.</summary>
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

    /// <summary>An amount of money written as <c>{ "amount": 500000, "currency": "CNY" }</c>.</summary>
    public Money.Money? Money(JsonElement parent, string path, string name, bool required = true)
    {
        if (Property(parent, path, name, required) is not { } value)
        {
            return null;
        }

        var here = $"{path}.{name}";
        var amount = Decimal(value, here, "amount");
        var code = String(value, here, "currency");
        Currency? currency = null;
        if (code is not null)
        {
            try
            {
                currency = new Currency(code);
            }
            catch (ArgumentException)
            {
                Problem($"{here}.currency", $"'{code}' is not a three-letter ISO 4217 code");
            }
        }

        return amount is { } a && currency is { } c ? new Money.Money(a, c) : null;
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

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };
}
