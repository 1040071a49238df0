using System.Globalization;
using System.Net;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>What the customer said about an invoice, recorded through the API: disputes raised and resolved, promises to pay.</summary>
[Collection(ReceivablesCollection.Name)]
public sealed class CustomerWordTests(ReceivablesHost host)
{
    [Fact]
    public async Task RaiseDispute_OpenInvoice_IsShownAndPausesDunning()
    {
        var invoiceId = await BookedAsync();

        using var response = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/disputes", """{"reason": "two pallets arrived damaged"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dispute = Assert.Single((await ReceivablesHost.JsonOf(response)).GetProperty("disputes").EnumerateArray());
        Assert.True(dispute.GetProperty("open").GetBoolean());
        Assert.Equal("two pallets arrived damaged", dispute.GetProperty("reason").GetString());
        Assert.Equal(ReceivablesHost.SalesRepName, dispute.GetProperty("raisedBy").GetString());
        Assert.Equal(Date(host.Today), dispute.GetProperty("openedOn").GetString());
        var shown = await host.InvoiceWhenAsync(invoiceId, "PausedByDispute");
        Assert.Equal("two pallets arrived damaged", Assert.Single(shown.GetProperty("disputes").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RaiseDispute_OneAlreadyOpen_Answers409AndKeepsTheFirst()
    {
        var invoiceId = await BookedAsync();
        using var first = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/disputes", """{"reason": "wrong price"}""");

        using var second = await host.PostAsync(CreditRole.CreditOfficer, $"/api/invoices/{invoiceId}/disputes", """{"reason": "short delivery"}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Dispute already open", (await ReceivablesHost.JsonOf(second)).GetProperty("title").GetString());
        var invoice = await host.GetJsonAsync($"/api/invoices/{invoiceId}");
        Assert.Equal("wrong price", Assert.Single(invoice.GetProperty("disputes").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ResolveDispute_Open_ClosesItAndASecondResolveIs409()
    {
        var invoiceId = await BookedAsync();
        using var raised = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/disputes", """{"reason": "wrong price"}""");

        using var resolved = await host.PostAsync(CreditRole.CreditOfficer, $"/api/invoices/{invoiceId}/disputes/resolve", """{"resolution": "price confirmed by contract"}""");
        using var again = await host.PostAsync(CreditRole.CreditOfficer, $"/api/invoices/{invoiceId}/disputes/resolve", """{"resolution": "again"}""");

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var dispute = Assert.Single((await ReceivablesHost.JsonOf(resolved)).GetProperty("disputes").EnumerateArray());
        Assert.False(dispute.GetProperty("open").GetBoolean());
        Assert.Equal(Date(host.Today), dispute.GetProperty("closedOn").GetString());
        Assert.Equal("price confirmed by contract", dispute.GetProperty("resolution").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("No open dispute", (await ReceivablesHost.JsonOf(again)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task RaiseDispute_BlankReason_Answers400NamingReasonAndStoresNothing()
    {
        var invoiceId = await BookedAsync();

        using var response = await host.PostAsync(CreditRole.SalesRep, $"/api/invoices/{invoiceId}/disputes", """{"reason": "  "}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReceivablesHost.JsonOf(response)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Empty((await host.GetJsonAsync($"/api/invoices/{invoiceId}")).GetProperty("disputes").EnumerateArray());
    }

    [Fact]
    public async Task RaiseDispute_FinanceKey_Answers403()
    {
        var invoiceId = await BookedAsync();

        using var response = await host.PostAsync(CreditRole.Finance, $"/api/invoices/{invoiceId}/disputes", """{"reason": "wrong price"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Promise_DateInThePast_Answers400NamingPromisedDateAndStoresNothing()
    {
        var invoiceId = await BookedAsync();

        using var response = await host.PostAsync(
            CreditRole.SalesRep, $"/api/invoices/{invoiceId}/promises", $$"""{"promisedDate": "{{Date(host.Today.AddDays(-1))}}", "amount": 1000.00}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReceivablesHost.JsonOf(response)).GetProperty("errors");
        Assert.Equal(["promisedDate"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("today", errors.GetProperty("promisedDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync($"/api/invoices/{invoiceId}")).GetProperty("promises").EnumerateArray());
    }

    [Fact]
    public async Task Promise_FutureDateAndAmount_IsShown()
    {
        var invoiceId = await BookedAsync();
        var promised = host.Today.AddDays(13);

        using var response = await host.PostAsync(
            CreditRole.CreditOfficer, $"/api/invoices/{invoiceId}/promises", $$"""{"promisedDate": "{{Date(promised)}}", "amount": 1000.00}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var promise = Assert.Single((await ReceivablesHost.JsonOf(response)).GetProperty("promises").EnumerateArray());
        Assert.Equal(Date(promised), promise.GetProperty("promisedDate").GetString());
        Assert.Equal(Date(host.Today), promise.GetProperty("madeOn").GetString());
        Assert.Equal(1_000m, promise.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("CNY", promise.GetProperty("amount").GetProperty("currency").GetString());
        var stored = await host.GetJsonAsync($"/api/invoices/{invoiceId}");
        Assert.Single(stored.GetProperty("promises").EnumerateArray());
    }

    [Fact]
    public async Task Promise_MoreThanIsOpen_Answers400NamingAmount()
    {
        var invoiceId = await BookedAsync();

        using var response = await host.PostAsync(
            CreditRole.SalesRep, $"/api/invoices/{invoiceId}/promises", $$"""{"promisedDate": "{{Date(host.Today)}}", "amount": 6000.01}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["amount"], (await ReceivablesHost.JsonOf(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Dispute_UnknownInvoice_Answers404()
    {
        using var response = await host.PostAsync(CreditRole.SalesRep, "/api/invoices/inv-nobody-has/disputes", """{"reason": "wrong price"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Invoice not found", (await ReceivablesHost.JsonOf(response)).GetProperty("title").GetString());
    }

    /// <summary>A booked invoice of CNY 6,000.00, due in 20 days.</summary>
    private async Task<string> BookedAsync()
    {
        var customer = await host.CustomerAsync();
        var invoiceId = "inv-" + customer;
        await host.BookInvoiceAsync(customer, invoiceId, 6_000m, host.Today.AddDays(-10), host.Today.AddDays(20));
        return invoiceId;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
