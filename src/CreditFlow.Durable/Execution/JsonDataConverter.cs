using System.Text.Json;

namespace CreditFlow.Durable.Execution;

/// <summary>How inputs, outputs and event payloads are stored: JSON with web defaults (camelCase).</summary>
public static class JsonDataConverter
{
    /// <summary>The options every payload is written and read with.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes a value; null stays null.</summary>
    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null or empty gives the type's default.</summary>
    public static object? Deserialize(string? json, Type type) =>
        string.IsNullOrEmpty(json) ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Options);

    /// <summary>Deserializes a value; null or empty gives the type's default.</summary>
    public static T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));
}
