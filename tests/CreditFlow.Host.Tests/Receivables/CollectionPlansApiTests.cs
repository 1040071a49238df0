using System.Net;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>Special collection plans through the API: submitted by credit for approval, refused with the field at fault.</summary>
[Collection(ReceivablesCollection.Name)]
public sealed class CollectionPlansApiTests(ReceivablesHost host)
{
    [Fact]
    public async Task SubmitPlan_ByTheCreditOfficer_IsPendingForApproval_SalesMayNot()
    {
        var invoiceId = await BookedAsync();
        const string plan = """{"cause": "project delayed", "means": "two instalments", "owner": "Chen Jing", "milestones": [{"on": "2026-04-15", "what": "half"}, {"on": "2026-03-20", "what": "first call"}]}""";

        using var bySales = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/collection-plans", plan);
        using var submitted = await host.PostAsync(CreditRole.CreditOfficer, $"/api/invoices/{invoiceId}/collection-plans", plan);

        Assert.Equal(HttpStatusCode.Forbidden, bySales.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var shown = Assert.Single((await ReceivablesHost.JsonOf(submitted)).GetProperty("plans").EnumerateArray());
        Assert.Equal("Pending", shown.GetProperty("outcome").GetString());
        Assert.Equal(ReceivablesHost.OfficerName, shown.GetProperty("submittedBy").GetString());
        Assert.Equal(["2026-03-20", "2026-04-15"], shown.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("on").GetString()));
    }

    [Fact]
    public async Task SubmitPlan_WithoutMeansAndABadDate_400NamingBoth_NothingRecorded()
    {
        var invoiceId = await BookedAsync();

        using var refused = await host.PostAsync(CreditRole.CreditOfficer, $"/api/invoices/{invoiceId}/collection-plans",
            """{"cause": "project delayed", "owner": "Chen Jing", "milestones": [{"on": "next week", "what": "call"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ReceivablesHost.JsonOf(refused)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("means", out _));
        Assert.True(errors.TryGetProperty("milestones[0].on", out _));
        Assert.Empty((await host.GetJsonAsync($"/api/invoices/{invoiceId}")).GetProperty("plans").EnumerateArray());
    }

    private async Task<string> BookedAsync()
    {
        var customer = await host.CustomerAsync();
        var invoiceId = "inv-" + customer;
        await host.BookInvoiceAsync(customer, invoiceId, 6_000m, host.Today.AddDays(-10), host.Today.AddDays(20));
        return invoiceId;
    }
}
