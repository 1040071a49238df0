using System.Text.Json.Serialization;

namespace CreditFlow.Domain.Monetary;

/// <summary>An ISO 4217 currency code such as <c>CNY</c>, <c>EUR</c> or <c>USD</c>.</summary>
[JsonConverter(typeof(CurrencyJsonConverter))]
public readonly record struct Currency
{
    /// <summary>Creates a currency from its three-letter ISO 4217 code.</summary>
    /// <exception cref="ArgumentException">The code is not three upper-case ASCII letters.</exception>
    public Currency(string code)
    {
        if (code is not { Length: 3 } || !code.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"Currency code must be three upper-case letters (ISO 4217), was '{code}'.", nameof(code));
        }

        Code = code;
    }

    /// <summary>The three-letter code.</summary>
    public string Code { get; }

    /// <inheritdoc />
    public override string ToString() => Code ?? "???";
}
