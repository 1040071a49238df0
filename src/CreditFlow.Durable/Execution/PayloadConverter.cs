using System.Text.Json;
using Microsoft.DurableTask;

namespace CreditFlow.Durable.Execution;

/// <summary>
/// How the engine stores inputs, outputs, event payloads and custom status: JSON with web defaults
/// (camelCase), the format every stored history of this engine uses. It is also the SDK
/// <see cref="DataConverter"/> of the engine's client, so <c>ReadOutputAs</c> reads what was written.
/// </summary>
public sealed class PayloadConverter : DataConverter
{
    /// <summary>The options every payload is written and read with.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The one instance.</summary>
    public static PayloadConverter Instance { get; } = new();

    /// <summary>Serializes a value; null stays null.</summary>
    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null or empty gives the type's default.</summary>
    public static object? FromJson(string? json, Type type) =>
        string.IsNullOrEmpty(json) ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Options);

    /// <summary>Deserializes a value; null or empty gives the type's default.</summary>
    public static T? FromJson<T>(string? json) => (T?)FromJson(json, typeof(T));

    /// <inheritdoc />
    public override string? Serialize(object? value) => ToJson(value);

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType) => FromJson(data, targetType);
}
