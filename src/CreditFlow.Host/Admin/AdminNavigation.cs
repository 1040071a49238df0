namespace CreditFlow.Host.Admin;

/// <summary>The admin monitor's pages, in the order of its navigation; the outbox only where it exists (Development).</summary>
internal static class AdminNavigation
{
    private static readonly (string Key, string Label, string Href)[] Always =
    [
        ("instances", "Instances", "/admin"),
        ("partitions", "Partitions", "/admin/partitions"),
        ("poison", "Poison messages", "/admin/poison"),
        ("clock", "Business clock", "/admin/clock"),
        ("holds", "Held orders", "/credit/holds"),
    ];

    /// <summary>The links of this request's navigation.</summary>
    public static IEnumerable<(string Key, string Label, string Href)> Pages =>
        Mail.DevelopmentOnly.IsCurrent ? Always.Append(("outbox", "Outbox", "/admin/outbox")) : Always;
}
