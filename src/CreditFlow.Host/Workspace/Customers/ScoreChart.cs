using System.Globalization;
using System.Text.Json;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>The figures of the customer page's score chart (<c>customer.js</c>): one point per scoring, with its class.</summary>
internal static class ScoreChart
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>JSON of the scored points, safe inside a <c>script</c> element (the serializer escapes &lt;, &gt; and &amp;).</summary>
    public static string For(IReadOnlyList<ScorePoint> scores) =>
        JsonSerializer.Serialize(
            scores.Where(p => p.Score is not null).Select(p => new
            {
                at = p.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                score = p.Score,
                @class = p.Class?.ToString(),
                source = p.Source,
            }),
            Json);
}
