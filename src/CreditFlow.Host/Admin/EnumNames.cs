using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreditFlow.Host.Admin;

/// <summary>
/// Shows stored enum numbers by name, for reading only. The engine writes enums as numbers
/// (<c>PayloadConverter</c>: web defaults, no string converter) and histories in flight must replay,
/// so the stored payloads stay as they are; the page walks the JSON alongside the CLR type it is read
/// into and replaces a number only where that type has an enum.
/// </summary>
internal static class EnumNames
{
    private const int MaxDepth = 32;

    /// <summary>The JSON with enum numbers replaced by names, or null when the type is unknown, the text is not JSON or nothing changed.</summary>
    public static string? Apply(string? json, Type? type)
    {
        if (json is null || type is null)
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var changed = false;
        root = Walk(root, type, 0, ref changed);
        return changed ? root?.ToJsonString() ?? "null" : null;
    }

    private static JsonNode? Walk(JsonNode? node, Type type, int depth, ref bool changed)
    {
        if (node is null || depth > MaxDepth)
        {
            return node;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            if (node is JsonValue value && value.TryGetValue<long>(out var number))
            {
                // An undefined value prints as its number: it stays a number.
                var name = Enum.ToObject(type, number).ToString() ?? string.Empty;
                if (name.Length > 0 && !char.IsAsciiDigit(name[0]) && name[0] != '-')
                {
                    changed = true;
                    return JsonValue.Create(name);
                }
            }

            return node;
        }

        switch (node)
        {
            case JsonArray array when ElementType(type) is { } element:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    var walked = Walk(item, element, depth + 1, ref changed);
                    if (!ReferenceEquals(walked, item))
                    {
                        array[i] = walked;
                    }
                }

                return array;
            case JsonObject obj when DictionaryValueType(type) is { } valueType:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    Replace(obj, key, valueType, depth, ref changed);
                }

                return obj;
            case JsonObject obj when type != typeof(object) && !type.IsPrimitive && type != typeof(string):
                var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (PropertyFor(properties, key) is { } property)
                    {
                        Replace(obj, key, property.PropertyType, depth, ref changed);
                    }
                }

                return obj;
            default:
                return node;
        }
    }

    private static void Replace(JsonObject obj, string key, Type type, int depth, ref bool changed)
    {
        var item = obj[key];
        var walked = Walk(item, type, depth + 1, ref changed);
        if (!ReferenceEquals(walked, item))
        {
            obj[key] = walked;
        }
    }

    private static PropertyInfo? PropertyFor(PropertyInfo[] properties, string key) =>
        properties.FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == key)
        ?? properties.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase) && p.GetIndexParameters().Length == 0);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type == typeof(string) ? null
        : Implemented(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? DictionaryValueType(Type type) =>
        (Implemented(type, typeof(IReadOnlyDictionary<,>)) ?? Implemented(type, typeof(IDictionary<,>)))?.GetGenericArguments()[1];

    private static Type? Implemented(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
}
