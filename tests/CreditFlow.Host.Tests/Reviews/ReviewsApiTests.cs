using System.Net;
using System.Text;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Applications;
using CreditFlow.Workflows.Review;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Host.Tests.Reviews;

/// <summary>The review schedule and a review asked for now, through <c>/api/reviews</c> and <c>/api/customers/{id}/reviews</c>.</summary>
[Collection(ErpCollection.Name)]
public sealed class ReviewsApiTests(ErpHost erp)
{
    private static readonly Dictionary<string, decimal> SoundFigures = new()
    {
        ["currentRatio"] = 1.8m, ["debtToAssetRatio"] = 45m, ["grossMargin"] = 28m, ["netMargin"] = 7m, ["receivableTurnover"] = 8m, ["cashFlowQuality"] = 1.1m,
        ["marketShare"] = 8m, ["yearsOfCooperation"] = 0m, ["managementStability"] = 4m, ["coreTechnology"] = 4m, ["industryCycle"] = 4m, ["competition"] = 3m,
        ["policySensitivity"] = 4m, ["averageDaysLate"] = 0m, ["disputes"] = 0m, ["brokenPromises"] = 0m,
    };

    [Fact]
    public async Task AClassBCustomer_IsScheduledQuarterly_AndAReviewAskedForNowRunsAndIsListed()
    {
        var customer = await ReviewedCustomerAsync();

        var schedule = Assert.Single(await ListAsync("/api/reviews"), s => s.GetProperty("customerId").GetString() == customer);
        Assert.Equal(new DateTimeOffset(erp.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddMonths(3).AddHours(1), schedule.GetProperty("nextReviewAt").GetDateTimeOffset());
        Assert.False(schedule.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(await ListAsync("/api/reviews?due=true"), s => s.GetProperty("customerId").GetString() == customer);

        using var asked = await PostAsync(CreditRole.CreditOfficer, customer, """{"reason": "new statements received"}""");
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);

        var review = await Eventually(async () => (await ListAsync($"/api/customers/{customer}/reviews")).SingleOrDefault());
        Assert.Equal(($"asked for by {ErpHost.OfficerName}: new statements received", "NoChange", "B"), (review.GetProperty("reason").GetString(), review.GetProperty("outcome").GetString(), review.GetProperty("proposedClass").GetString()));
        Assert.Equal(78.58m, review.GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task AskingForAReview_ByFinance403_WithoutReason400_ForACustomerWithoutReviews404()
    {
        var customer = await ReviewedCustomerAsync();

        using var finance = await PostAsync(CreditRole.Finance, customer, """{"reason": "curious"}""");
        using var blank = await PostAsync(CreditRole.CreditOfficer, customer, """{"reason": " "}""");
        using var nobody = await PostAsync(CreditRole.CreditManager, "nobody-" + Guid.NewGuid().ToString("N"), """{"reason": "why not"}""");

        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(["reason"], (await ErpHost.JsonOf(blank)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Empty(await ListAsync($"/api/customers/{customer}/reviews"));
    }

    private async Task<string> ReviewedCustomerAsync()
    {
        var customer = await erp.CustomerAsync(1_000_000m, CreditClass.B);
        var now = erp.Clock.GetUtcNow();
        await erp.Store.Applications.CreateAsync(new CreditApplication("app-" + customer, customer, Money.Of(1_000_000m, "CNY"), 30, SoundFigures, "visited", ApplicationStatus.Granted, "sales", now, now));
        await erp.Host.Services.GetRequiredService<CustomerReviews>().StartAsync(customer, CreditClass.B, now, CancellationToken.None);
        await Eventually(async () => (await ListAsync("/api/reviews")).SingleOrDefault(s => s.GetProperty("customerId").GetString() == customer));
        return customer;
    }

    private Task<HttpResponseMessage> PostAsync(CreditRole role, string customer, string json) =>
        erp.As(role).PostAsync($"/api/customers/{customer}/reviews", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement[]> ListAsync(string path)
    {
        using var response = await erp.As(CreditRole.CreditOfficer).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ErpHost.JsonOf(response)).EnumerateArray().ToArray();
    }

    private static async Task<JsonElement> Eventually(Func<Task<JsonElement>> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = await read();
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "not there after 30 s");
            await Task.Delay(100);
        }
    }
}
