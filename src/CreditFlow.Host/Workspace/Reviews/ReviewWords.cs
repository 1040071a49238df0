using System.Globalization;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Reviews;

namespace CreditFlow.Host.Workspace.Reviews;

/// <summary>
/// How the reviews page words and colours a review: which way a class, limit or status moved (green up, red down: class A
/// is best), the difference of two limits, and how a review ended.
/// </summary>
internal static class ReviewWords
{
    /// <summary>"up", "down", or "" for a change of the kind that neither raises nor lowers credit.</summary>
    public static string Tone(ReviewChange change) => change switch
    {
        ReviewChange.Increase or ReviewChange.Strategic => "up",
        ReviewChange.Decrease or ReviewChange.Restricted => "down",
        _ => "",
    };

    /// <summary>"up" when <paramref name="to"/> is a better class (A is best), "down" when worse, "" when the same or there was none.</summary>
    public static string Direction(CreditClass? from, CreditClass to) =>
        from is not { } f || f == to ? "" : to < f ? "up" : "down";

    /// <summary>"up" or "down" as the limit moved from <paramref name="from"/> (as stored on a review) to <paramref name="to"/>.</summary>
    public static string Direction(string from, Money to) =>
        AmountOf(from, to.Currency.ToString()) is not { } before || before == to.Amount ? "" : to.Amount > before ? "up" : "down";

    /// <summary>Strategic credit is "up", restricted "down".</summary>
    public static string Direction(CreditProfileStatus to) =>
        to == CreditProfileStatus.Strategic ? "up" : to == CreditProfileStatus.Restricted ? "down" : "";

    /// <summary>"+500,000.00" or "−250,000.00": how far the limit moved; null when it did not or cannot be compared.</summary>
    public static string? Difference(string from, Money to) =>
        AmountOf(from, to.Currency.ToString()) is { } before && before != to.Amount
            ? string.Create(CultureInfo.InvariantCulture, $"{(to.Amount > before ? "+" : "−")}{Math.Abs(to.Amount - before):#,0.00}")
            : null;

    /// <summary>Whether a proposal's card shows the status: when it changes, or when it is strategic or restricted credit.</summary>
    public static bool ShowsStatus(CreditProfileStatus before, CreditProfileStatus proposed) =>
        before != proposed || proposed is CreditProfileStatus.Strategic or CreditProfileStatus.Restricted;

    /// <summary>The amount of a limit as stored on a review ("1,000,000.00 CNY"), when it is in <paramref name="currency"/>.</summary>
    private static decimal? AmountOf(string money, string currency)
    {
        var space = money.LastIndexOf(' ');
        return space > 0 && money[(space + 1)..] == currency
            && decimal.TryParse(money[..space], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }
}
