using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditFlow.Domain.Monetary;

/// <summary>Writes a currency as its bare code (<c>"CNY"</c>), the way every API and ERP spells it.</summary>
public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The value is not a three-letter upper-case code.</exception>
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A currency must be a string such as \"CNY\".");
        }

        try
        {
            return new Currency(reader.GetString()!);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Code);
    }
}
