using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Reviews;
using CreditFlow.Workflows.Review;
using Microsoft.DurableTask.Client;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// Customers re-reviewed on the ERP tests' host as the rest of CreditFlow reviews them: granted credit in class B at
/// 1,000,000.00 CNY with an application's figures, their reviews started (<see cref="CustomerReviews.StartAsync"/>) and
/// asked for (<see cref="CustomerReviews.RequestAsync"/>), waited for in bounded real time. Sound figures score class B
/// (a review confirms it), strong ones class A (an increase that needs approval), weak ones class C (a decrease at once).
/// </summary>
internal static class ReviewsOnErpHost
{
    public static readonly IReadOnlyDictionary<string, decimal> Sound = new Dictionary<string, decimal>
    {
        ["currentRatio"] = 1.8m, ["debtToAssetRatio"] = 45m, ["grossMargin"] = 28m, ["netMargin"] = 7m, ["receivableTurnover"] = 8m, ["cashFlowQuality"] = 1.1m,
        ["marketShare"] = 8m, ["yearsOfCooperation"] = 0m, ["managementStability"] = 4m, ["coreTechnology"] = 4m, ["industryCycle"] = 4m, ["competition"] = 3m,
        ["policySensitivity"] = 4m, ["averageDaysLate"] = 0m, ["disputes"] = 0m, ["brokenPromises"] = 0m,
    };

    public static readonly IReadOnlyDictionary<string, decimal> Strong = new Dictionary<string, decimal>(Sound)
    {
        ["currentRatio"] = 2.5m, ["debtToAssetRatio"] = 30m, ["grossMargin"] = 40m, ["netMargin"] = 15m, ["receivableTurnover"] = 12m, ["cashFlowQuality"] = 1.5m,
        ["marketShare"] = 20m, ["yearsOfCooperation"] = 5m, ["managementStability"] = 5m, ["coreTechnology"] = 5m, ["industryCycle"] = 5m, ["competition"] = 5m, ["policySensitivity"] = 5m,
    };

    public static readonly IReadOnlyDictionary<string, decimal> Weak = new Dictionary<string, decimal>(Sound)
    {
        ["currentRatio"] = 0.8m, ["debtToAssetRatio"] = 80m, ["grossMargin"] = 10m, ["netMargin"] = 1m, ["receivableTurnover"] = 3m, ["cashFlowQuality"] = 0.5m,
        ["marketShare"] = 2m, ["averageDaysLate"] = 40m, ["disputes"] = 3m, ["brokenPromises"] = 2m,
    };

    /// <summary>A class B customer on file under <paramref name="name"/>, granted now on <paramref name="figures"/>, its reviews started and scheduled.</summary>
    public static async Task<string> ReviewedCustomerAsync(this ErpHost erp, string name, IReadOnlyDictionary<string, decimal> figures)
    {
        var customer = await erp.CustomerAsync(name);
        var now = erp.Clock.GetUtcNow();
        await erp.Store.Applications.CreateAsync(new CreditApplication(
            "app-" + customer, customer, Money.Of(1_000_000m, "CNY"), 30, new Dictionary<string, decimal>(figures), "visited", ApplicationStatus.Granted, "sales", now, now));
        await erp.Host.Services.GetRequiredService<CustomerReviews>().StartAsync(customer, CreditClass.B, now, CancellationToken.None);
        await EventuallyAsync(async () => (await erp.Reviews().SchedulesAsync()).SingleOrDefault(s => s.CustomerId == customer), $"the review schedule of {customer}");
        return customer;
    }

    /// <summary>Asks for <paramref name="customer"/>'s review as <paramref name="by"/> and waits until it is stored and its schedule names it.</summary>
    public static async Task<ReviewRecord> ReviewNowAsync(this ErpHost erp, string customer, string by, string reason)
    {
        Assert.True(await erp.Host.Services.GetRequiredService<CustomerReviews>().RequestAsync(customer, $"asked for by {by}: {reason}", CancellationToken.None));
        return await erp.ReviewedAsync(customer);
    }

    /// <summary>The customer's last review once it is stored and its schedule names it as the last.</summary>
    public static async Task<ReviewRecord> ReviewedAsync(this ErpHost erp, string customer)
    {
        var review = await erp.LastReviewAsync(customer, r => r is not null);
        await EventuallyAsync(async () => (await erp.Reviews().SchedulesAsync()).SingleOrDefault(s => s.CustomerId == customer && s.LastCycle >= review.Cycle), $"the schedule after {customer}'s review");
        return review;
    }

    /// <summary>A strong customer's review, asked for now: an increase to class A, once its approval waits for an approver.</summary>
    public static async Task<ReviewRecord> ProposalAwaitingApprovalAsync(this ErpHost erp, string name)
    {
        var customer = await erp.ReviewedCustomerAsync(name, Strong);
        var review = await erp.ReviewNowAsync(customer, ErpHost.OfficerName, "new statements: sales up 40%");
        await EventuallyAsync(
            async () => await erp.Durable.GetInstanceAsync(ReviewIds.Approval(customer, review.Cycle), getInputsAndOutputs: true) is { IsRunning: true, SerializedCustomStatus: not null } approval ? approval : null,
            $"the approval of {customer}'s review");
        return review;
    }

    /// <summary>The customer's last review once it satisfies <paramref name="condition"/>.</summary>
    public static Task<ReviewRecord> LastReviewAsync(this ErpHost erp, string customer, Func<ReviewRecord?, bool> condition) =>
        EventuallyAsync(async () => (await erp.Reviews().ListAsync(customer)).LastOrDefault() is var last && condition(last) ? last : null, $"the review of {customer}");

    public static ReviewStore Reviews(this ErpHost erp) => erp.Host.Services.GetRequiredService<ReviewStore>();
}
