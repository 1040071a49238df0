using CreditFlow.Domain.Monetary;
using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Workflows.Tests.Onboarding;

/// <summary>Credit applications as sales would file them.</summary>
internal static class Applications
{
    public const string SalesRep = "sales.rep@example.com";

    /// <summary>Everything the multi-dimension scorecard reads, for a sound mid-size company.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> SoundFigures = new Dictionary<string, decimal>
    {
        ["currentRatio"] = 1.8m,
        ["debtToAssetRatio"] = 45m,
        ["grossMargin"] = 28m,
        ["netMargin"] = 7m,
        ["receivableTurnover"] = 8m,
        ["cashFlowQuality"] = 1.1m,
        ["marketShare"] = 8m,
        ["yearsOfCooperation"] = 0m,
        ["managementStability"] = 4m,
        ["coreTechnology"] = 4m,
        ["industryCycle"] = 4m,
        ["competition"] = 3m,
        ["policySensitivity"] = 4m,
        ["averageDaysLate"] = 0m,
        ["disputes"] = 0m,
        ["brokenPromises"] = 0m,
    };

    public static CreditApplicationRequest Sound(string name, decimal requested = 800_000m, IReadOnlyDictionary<string, decimal>? figures = null, string? controller = null)
    {
        var id = "app-" + Guid.NewGuid().ToString("N")[..12];
        var customerId = "cust-" + Guid.NewGuid().ToString("N")[..10];
        return new CreditApplicationRequest(
            id,
            new ApplicantCompany(customerId, name, "REG-" + customerId, controller, "electronics", $"finance@{customerId}.example", Money.Of(20_000_000m, "CNY")),
            Money.Of(requested, "CNY"),
            60,
            Money.Of(3_000_000m, "CNY"),
            figures ?? SoundFigures,
            "Modern plant, orderly warehouse, owner present at the visit.",
            SalesRep,
            null,
            [],
            "sales-api-key",
            WorkflowTestsClock.Now);
    }
}

/// <summary>Filing time for test applications: the test hosts' starting instant.</summary>
internal static class WorkflowTestsClock
{
    public static DateTimeOffset Now => Testing.WorkflowTestHost.Monday;
}
