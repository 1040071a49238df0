using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>
/// How a workspace page writes its times before workspace.js shows them in the reader's locale and time zone: each moment
/// a time element carrying its exact instant, readable without the script ("Tue 10 Feb 2026, 11:00 UTC").
/// </summary>
internal static partial class TimeElements
{
    /// <summary>The time element a page writes for <paramref name="at"/>.</summary>
    public static string Of(DateTimeOffset at) =>
        $"<time datetime=\"{at.ToString("O", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC</time>";

    /// <summary>
    /// Checks that every moment in the page's main part (at least <paramref name="atLeast"/> of them) is a time element
    /// (or a title, which the script rewrites from the element's <c>data-at</c>), and that no time is left in the old fixed
    /// forms ("Tue 10 Feb, 11:00", "2026-02-10 11:00"); returns the part, decoded.
    /// </summary>
    public static string AllIn(string html, int atLeast)
    {
        var page = WebUtility.HtmlDecode(html);
        var body = page[page.IndexOf("<main", StringComparison.Ordinal)..page.IndexOf("</main>", StringComparison.Ordinal)];
        var moments = Moment().Matches(body);
        Assert.True(moments.Count >= atLeast, $"moments on the page: {moments.Count}, expected at least {atLeast}");
        Assert.All(moments, m => Assert.Matches("(<time datetime=\"\\d{4}-\\d{2}-\\d{2}T[^\"]+\">|title=\")$", body[..m.Index]));
        Assert.All(moments, m => Assert.Matches(@"\d{4}, \d{2}:\d{2} UTC$", m.Value));
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", body);
        return body;
    }

    // With or without the year and the zone, so a time still written the old way is found too.
    [GeneratedRegex(@"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})?, \d{2}:\d{2}( UTC)?")]
    private static partial Regex Moment();
}
