using System.Globalization;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Receivables;

/// <summary>The wording of the customer's payment page (<c>/pay/{token}</c>): amounts, days and field names as customers read them.</summary>
internal static class PaymentPageWords
{
    /// <summary>The labels the customer reads for the form fields, by the field's name (which the API's errors use too).</summary>
    public static IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["promisedDate"] = "Payment date",
        ["amount"] = "Amount",
        ["reason"] = "Reason",
    };

    /// <summary>An amount as customers read it: thousands separators, two decimals, the currency after.</summary>
    public static string Amount(Money money) => money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + money.Currency.Code;

    /// <summary>A day as customers read it, e.g. "16 Mar 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A field's label (<see cref="FieldLabels"/>), or its name for one the page does not show.</summary>
    public static string Label(string field) => FieldLabels.TryGetValue(field, out var label) ? label : field;

    /// <summary>A count of days, e.g. "1 day", "10 days".</summary>
    public static string Days(int days) => $"{days} {(days == 1 ? "day" : "days")}";
}
