using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CreditFlow.Host.Applications;

/// <summary>What a field of a request body must hold, in the words of JSON ("an integer", "a string"), found by walking the body's type.</summary>
internal static class JsonFieldTypes
{
    /// <summary>E.g. "must be an integer, not the string \"abc\"."; null when the path leads to no known field.</summary>
    public static string? Problem(JsonSerializerOptions options, Type bodyType, JsonFieldPath path, JsonNode? sent)
    {
        var expected = Expected(options, bodyType, path);
        return expected is null ? null : $"must be {expected}, not {Describe(sent)}.";
    }

    private static string? Expected(JsonSerializerOptions options, Type bodyType, JsonFieldPath path)
    {
        var type = bodyType;
        foreach (var segment in path.Segments)
        {
            var info = options.GetTypeInfo(type);
            Type? next = (info.Kind, segment) switch
            {
                (JsonTypeInfoKind.Object, string name) => info.Properties
                    .FirstOrDefault(p => string.Equals(p.Name, name, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                    ?.PropertyType,
                (JsonTypeInfoKind.Dictionary, string) or (JsonTypeInfoKind.Enumerable, int) => info.ElementType,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            type = next;
        }

        return Words(options, Nullable.GetUnderlyingType(type) ?? type);
    }

    private static string Words(JsonSerializerOptions options, Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "an integer (a whole number such as 60)",
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number such as 1.5",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ => options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Object => "an object",
            _ => "a value of another type",
        },
    };

    private static string Describe(JsonNode? sent) => sent?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => $"the string {Shorten(sent.ToJsonString())}",
        JsonValueKind.Number => $"the number {Shorten(sent.ToJsonString())}",
        JsonValueKind.True or JsonValueKind.False => $"{sent.ToJsonString()}",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Shorten(string json) => json.Length <= 40 ? json : json[..40] + "…";
}
