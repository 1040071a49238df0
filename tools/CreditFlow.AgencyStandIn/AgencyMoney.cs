namespace CreditFlow.AgencyStandIn;

/// <summary>An amount in a currency, as it travels on the wire: <c>{"amount":1000.00,"currency":"CNY"}</c>.</summary>
public sealed record AgencyMoney
{
    /// <summary>Creates an amount.</summary>
    /// <exception cref="ArgumentException">The currency is empty.</exception>
    public AgencyMoney(decimal amount, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        Amount = amount;
        Currency = currency.Trim().ToUpperInvariant();
    }

    /// <summary>The amount, exactly as sent (its scale is kept, so 1000.00 goes out as 1000.00).</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 code, upper case.</summary>
    public string Currency { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
