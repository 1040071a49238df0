using System.Globalization;
using CreditFlow.Host.Pages;
using CreditFlow.Storage.Customers;

namespace CreditFlow.Host.Credit;

/// <summary>
/// How the credit worklists write roles, actions, times and customers: as the tasks page (<see cref="Workspace.Tasks.TasksPageEndpoints"/>) does, in words.
/// A time is written in UTC (<see cref="When"/>) for what a page cannot rewrite (messages, the text of a <c>Moment</c> before its script runs).
/// Results that are HTML say so; every value in them is encoded.
/// </summary>
internal static class WorklistText
{
    /// <summary>"CreditOfficer" → "credit officer", "FreezeLimit" → "freeze limit".</summary>
    public static string Words<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>"a, b or c".</summary>
    public static string OneOf(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count < 2 ? string.Concat(list) : string.Join(", ", list.SkipLast(1)) + " or " + list[^1];
    }

    public static string When(DateTimeOffset time) => time.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"3 d 4 h", "20 h", "5 h 30 min", "12 min": the two largest units, a zero second one left out.</summary>
    public static string Span(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d{(span.Hours > 0 ? $" {span.Hours} h" : "")}"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h{(span.Minutes > 0 ? $" {span.Minutes} min" : "")}"
        : $"{Math.Max(1, (int)span.TotalMinutes)} min";

    /// <summary>HTML: "overdue by …" in red, "due in …" in amber within a day, "in …" further off.</summary>
    public static string DueIn(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        return left < TimeSpan.Zero ? $"<span class=\"late\">overdue by {Span(-left)}</span>"
            : left < TimeSpan.FromDays(1) ? $"<span class=\"soon\">due in {Span(left)}</span>"
            : $"<span class=\"muted\">in {Span(left)}</span>";
    }

    /// <summary>HTML: the customer's name over its id, or the id alone when the customer is not on file.</summary>
    public static string Customer(string customerId, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(customerId, out var name)
            ? $"<b>{Html.E(name)}</b> <span class=\"mono muted\">{Html.E(customerId)}</span>"
            : $"<span class=\"mono\">{Html.E(customerId)}</span>";

    /// <summary>The names of the customers on file among <paramref name="customerIds"/>, by id.</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string?> customerIds, CustomerRepository customers, CancellationToken cancellationToken)
    {
        // Point reads, a few at a time: a worklist or a simulation names hundreds of customers.
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            customerIds.OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (await customers.GetAsync(id, ct) is { } customer)
                {
                    found[id] = customer.Value.Name;
                }
            });
        return new Dictionary<string, string>(found, StringComparer.Ordinal);
    }
}
