using System.Globalization;
using System.Text.Json.Serialization;

namespace CreditFlow.Domain.Monetary;

/// <summary>An amount of money in one currency. Arithmetic across currencies is refused.</summary>
/// <remarks>
/// Amounts are <see cref="decimal"/>: exact for the sums, limits and shares credit work needs.
/// Use <see cref="Rounded"/> when a result must be stated in whole cents.
/// </remarks>
public readonly record struct Money(decimal Amount, Currency Currency) : IComparable<Money>
{
    /// <summary>Zero in <paramref name="currency"/>.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>The sum of <paramref name="amounts"/>, all in <paramref name="currency"/>; zero when there are none.</summary>
    /// <exception cref="CurrencyMismatchException">An amount is in another currency.</exception>
    public static Money Sum(IEnumerable<Money> amounts, Currency currency) => amounts.Aggregate(Zero(currency), (sum, m) => sum + m);

    /// <summary>Creates an amount from a currency code.</summary>
    public static Money Of(decimal amount, string currency) => new(amount, new Currency(currency));

    /// <summary>True when the amount is below zero.</summary>
    [JsonIgnore]
    public bool IsNegative => Amount < 0m;

    /// <summary>The amount rounded half away from zero to <paramref name="decimals"/> places.</summary>
    public Money Rounded(int decimals = 2) => this with { Amount = Math.Round(Amount, decimals, MidpointRounding.AwayFromZero) };

    /// <summary>Adds two amounts of one currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, Same(left, right));

    /// <summary>Subtracts two amounts of one currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, Same(left, right));

    /// <summary>Negates the amount.</summary>
    public static Money operator -(Money value) => value with { Amount = -value.Amount };

    /// <summary>Scales the amount, e.g. by a margin or a coefficient.</summary>
    public static Money operator *(Money money, decimal factor) => money with { Amount = money.Amount * factor };

    /// <summary>Scales the amount, e.g. by a margin or a coefficient.</summary>
    public static Money operator *(decimal factor, Money money) => money * factor;

    /// <summary>Divides the amount.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="divisor"/> is zero.</exception>
    public static Money operator /(Money money, decimal divisor) => money with { Amount = money.Amount / divisor };

    /// <summary>Compares two amounts of one currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <inheritdoc cref="op_LessThan"/>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>The larger of two amounts of one currency.</summary>
    public static Money Max(Money left, Money right) => left >= right ? left : right;

    /// <summary>The smaller of two amounts of one currency.</summary>
    public static Money Min(Money left, Money right) => left <= right ? left : right;

    /// <inheritdoc />
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other) => Amount.CompareTo(other.Amount) is var c && Same(this, other) == Currency ? c : 0;

    /// <summary>Converts to another currency at <paramref name="rate"/> units of the target per unit of this.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive.</exception>
    public Money ConvertTo(Currency target, decimal rate) =>
        rate > 0m ? new Money(Amount * rate, target) : throw new ArgumentOutOfRangeException(nameof(rate), rate, "An exchange rate must be positive.");

    /// <summary>The amount as people read it everywhere: thousands separated, at least two decimals, then the currency, e.g. "100,000.00 CNY".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:#,0.00##} {Currency}");

    private static Currency Same(Money left, Money right) =>
        left.Currency == right.Currency ? left.Currency : throw new CurrencyMismatchException(left.Currency, right.Currency);
}
