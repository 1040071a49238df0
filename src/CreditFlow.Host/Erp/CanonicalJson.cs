using System.Security.Cryptography;
using System.Text.Json;

namespace CreditFlow.Host.Erp;

/// <summary>
/// A JSON document written one way however it was sent: members sorted by name, no whitespace,
/// strings escaped alike (<c>"\u006F"</c> is <c>"o"</c>), numbers without trailing zeros
/// (<c>60000.00</c> is <c>60000</c>). Documents with the same content hash alike, so an ERP that
/// replays a document reformatted is not told it sent a different one.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>Lower-case hex SHA-256 of the canonical form of <paramref name="json"/>.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    public static string Sha256(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, document.RootElement);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();

                // Stable: members repeated under one name keep their order.
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                // Dividing by 1 at the highest scale drops the trailing zeros a decimal keeps.
                writer.WriteNumberValue(number / 1.0000000000000000000000000000m);
                break;
            default:
                writer.WriteRawValue(element.GetRawText());
                break;
        }
    }
}
