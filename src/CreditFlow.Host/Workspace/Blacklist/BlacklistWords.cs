using System.Globalization;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Blacklist;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Workspace.Blacklist;

/// <summary>How the blacklist page says sources, roles and times.</summary>
internal static class BlacklistWords
{
    /// <summary>Every source, in the order of the page's filter.</summary>
    public static IReadOnlyList<BlacklistSource> Sources { get; } = Enum.GetValues<BlacklistSource>();

    /// <summary>The source as the API and the filter's query spell it, and as a CSS class: internal, industryList, legalCase.</summary>
    public static string Name(BlacklistSource source) => BlacklistEntryView.SourceName(source);

    /// <summary>The source in words: internal, industry list, legal case.</summary>
    public static string Words(BlacklistSource source) => source switch
    {
        BlacklistSource.IndustryList => "industry list",
        BlacklistSource.LegalCase => "legal case",
        _ => "internal",
    };

    /// <summary>The source named by a query (<c>?source=industryList</c>, any case); null for none or an unknown one.</summary>
    public static BlacklistSource? Parse(string? source) =>
        Sources.Where(s => string.Equals(Name(s), source, StringComparison.OrdinalIgnoreCase)).Select(s => (BlacklistSource?)s).FirstOrDefault();

    /// <summary>"the credit manager, credit committee or legal department": who may add and import.</summary>
    public static string MayAdd() => "the " + string.Join(", ", ApiKeyPolicies.ManageBlacklistRoles.SkipLast(1).Select(Role)) + " or " + Role(ApiKeyPolicies.ManageBlacklistRoles[^1]);

    /// <summary>A moment in UTC as a message says it, followed by "UTC": "2026-03-02 14:05" (the page's tables show moments in the reader's zone).</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Role(CreditRole role) => role switch
    {
        CreditRole.CreditManager => "credit manager",
        CreditRole.CreditCommittee => "credit committee",
        CreditRole.Legal => "legal department",
        _ => role.ToString(),
    };
}
