using System.Net;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>Requests to pay later through the API: recorded pending and sent to approval, refused with the reason.</summary>
[Collection(ReceivablesCollection.Name)]
public sealed class ExtensionsApiTests(ReceivablesHost host)
{
    [Fact]
    public async Task RequestExtension_IsPendingForApproval_ASecondIs409()
    {
        var invoiceId = await BookedAsync();
        var later = host.Today.AddDays(50).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var asked = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/extensions", $$"""{"newDueDate": "{{later}}", "reason": "waiting for its own customer's payment"}""");
        using var again = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/extensions", $$"""{"newDueDate": "{{later}}", "reason": "again"}""");

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var extension = Assert.Single((await ReceivablesHost.JsonOf(asked)).GetProperty("extensions").EnumerateArray());
        Assert.Equal("Pending", extension.GetProperty("outcome").GetString());
        Assert.Equal(later, extension.GetProperty("toDueDate").GetString());
        Assert.Equal(ReceivablesHost.SalesRepName, extension.GetProperty("requestedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Extension already requested", (await ReceivablesHost.JsonOf(again)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task RequestExtension_NotAfterTheDueDate_400NamingNewDueDate_NothingRecorded()
    {
        var invoiceId = await BookedAsync();
        var earlier = host.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var refused = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/extensions", $$"""{"newDueDate": "{{earlier}}", "reason": "x"}""");
        using var blank = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/extensions", """{"newDueDate": "soon"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await ReceivablesHost.JsonOf(refused)).GetProperty("errors").TryGetProperty("newDueDate", out _));
        var errors = (await ReceivablesHost.JsonOf(blank)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("newDueDate", out _));
        Assert.True(errors.TryGetProperty("reason", out _));
        Assert.Empty((await host.GetJsonAsync($"/api/invoices/{invoiceId}")).GetProperty("extensions").EnumerateArray());
    }

    private async Task<string> BookedAsync()
    {
        var customer = await host.CustomerAsync();
        var invoiceId = "inv-" + customer;
        await host.BookInvoiceAsync(customer, invoiceId, 6_000m, host.Today.AddDays(-10), host.Today.AddDays(20));
        return invoiceId;
    }
}
