using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Erp;

/// <summary>
/// Reads the fields of an ERP message from its JSON, collecting a problem per bad field instead of
/// stopping at the first, so a 400 names every field to fix.
/// </summary>
internal sealed class ErpFields
{
    private readonly JsonElement _root;

    private ErpFields(JsonElement root) => _root = root;

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses the body; null (with the problem in <paramref name="errors"/>) when it is not a JSON object.</summary>
    public static ErpFields? Open(byte[] body, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors["$"] = ["The body must be a JSON object."];
                return null;
            }

            return new ErpFields(document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            errors["$"] = [$"The body is not valid JSON: {e.Message}"];
            return null;
        }
    }

    /// <summary>A document id: 1-256 characters, none of '/', '\', '#', '?' or control characters (they are storage keys).</summary>
    public string Id(string name, bool required = true)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Add(name, "is required.");
            }

            return string.Empty;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 256 || text.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            Add(name, "must be a string of 1-256 characters without '/', '\\', '#', '?' or control characters.");
            return string.Empty;
        }

        return text;
    }

    /// <summary>An optional id: null when absent.</summary>
    public string? OptionalId(string name) => Has(name) ? Id(name) : null;

    /// <summary>An amount <c>{"amount": 1200.50, "currency": "CNY"}</c>, not negative (positive unless <paramref name="allowZero"/>).</summary>
    public Money Money(string name, bool required = true, bool allowZero = false, Currency? defaultCurrency = null)
    {
        if (!Has(name))
        {
            if (required)
            {
                Add(name, "is required: {\"amount\": 1200.50, \"currency\": \"CNY\"}.");
            }

            return new Money(0m, defaultCurrency ?? new Currency("XXX"));
        }

        var value = _root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("amount", out var amount) || amount.ValueKind != JsonValueKind.Number || !amount.TryGetDecimal(out var number)
            || !value.TryGetProperty("currency", out var code) || code.ValueKind != JsonValueKind.String)
        {
            Add(name, "must be {\"amount\": <number>, \"currency\": \"<ISO 4217 code>\"}.");
            return new Money(0m, new Currency("XXX"));
        }

        Currency currency;
        try
        {
            currency = new Currency(code.GetString()!);
        }
        catch (ArgumentException)
        {
            Add(name + ".currency", "must be three upper-case letters (ISO 4217), e.g. \"CNY\".");
            return new Money(0m, new Currency("XXX"));
        }

        if (number < 0m || (!allowZero && number == 0m))
        {
            Add(name + ".amount", allowZero ? "must not be negative." : "must be more than zero.");
        }

        return new Money(number, currency);
    }

    /// <summary>A date <c>"2025-03-31"</c>.</summary>
    public DateOnly Date(string name)
    {
        if (_root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(name, "is required as a date \"yyyy-MM-dd\".");
        return default;
    }

    /// <summary>Records a problem that involves more than one field.</summary>
    public void Add(string name, string problem) =>
        Errors[name] = Errors.TryGetValue(name, out var existing) ? [.. existing, problem] : [problem];

    private bool Has(string name) => _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
