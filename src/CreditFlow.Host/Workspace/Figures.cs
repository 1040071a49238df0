using System.Globalization;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Workspace;

/// <summary>
/// How the workspace writes figures in its markup: invariant text that reads well as it is, and that the workspace's
/// script rewrites in the reader's locale (amounts carry <c>data-money</c> and <c>data-currency</c>, dates are
/// <c>time</c> elements).
/// </summary>
public static class Figures
{
    /// <summary>
    /// An amount with its currency as a document states it: whole units when it has no cents (<c>CNY 1,234,567</c>),
    /// otherwise with them (<c>CNY 1,234.50</c>), so a partly paid invoice reads to the cent.
    /// </summary>
    public static string Amount(Money money) =>
        $"{money.Currency.Code} {money.Amount.ToString(decimal.IsInteger(money.Amount) ? "N0" : "N2", CultureInfo.InvariantCulture)}";

    /// <summary>An amount rounded to whole units with its currency, e.g. <c>CNY 1,234,568</c>: for totals read at a glance.</summary>
    public static string WholeAmount(Money money) => $"{money.Currency.Code} {money.Amount.ToString("N0", CultureInfo.InvariantCulture)}";

    /// <summary>The amount as the script reads it.</summary>
    public static string Raw(Money money) => money.Amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal, or a dash when there is none.</summary>
    public static string Percent(decimal? share) => share is { } s ? (s * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>Days with one decimal, or a dash.</summary>
    public static string Days(decimal? days) => days is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    /// <summary>A share or a number of days as the script reads it (<c>data-percent</c>, <c>data-decimal</c>); null writes no attribute.</summary>
    public static string? Raw(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A date as ISO text (the script shows it in the reader's locale).</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as readable invariant text, e.g. <c>6 Dec 2026</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
