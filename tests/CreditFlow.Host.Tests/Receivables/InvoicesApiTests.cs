using System.Globalization;
using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>The invoices as a user of <c>/api/invoices</c> sees them after the ERP booked them: listed, paged, filtered, one by one.</summary>
[Collection(ReceivablesCollection.Name)]
public sealed class InvoicesApiTests(ReceivablesHost host)
{
    [Fact]
    public async Task List_InvoiceBookedThroughTheErp_ShowsItsAmountDueDateAndStatus()
    {
        var customer = await host.CustomerAsync();
        var invoiceId = "inv-" + customer;
        var due = host.Today.AddDays(20);

        await host.BookInvoiceAsync(customer, invoiceId, 12_500m, host.Today.AddDays(-10), due);

        await host.InvoiceWhenAsync(invoiceId, "Running");
        var page = await host.GetJsonAsync($"/api/customers/{customer}/invoices");
        var invoice = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(invoiceId, invoice.GetProperty("invoiceId").GetString());
        Assert.Equal(customer, invoice.GetProperty("customerId").GetString());
        Assert.Equal(12_500m, invoice.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("CNY", invoice.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(12_500m, invoice.GetProperty("open").GetProperty("amount").GetDecimal());
        Assert.Equal(Date(due), invoice.GetProperty("dueDate").GetString());
        Assert.Equal(0, invoice.GetProperty("daysOverdue").GetInt32());
        Assert.Equal("Running", invoice.GetProperty("status").GetString());
        Assert.False(invoice.GetProperty("disputed").GetBoolean());
        Assert.False(page.TryGetProperty("continuation", out var next) && next.ValueKind != JsonValueKind.Null);

        var everyone = await host.GetJsonAsync($"/api/invoices?customerId={customer}&status=running");
        Assert.Equal(invoiceId, Assert.Single(everyone.GetProperty("items").EnumerateArray()).GetProperty("invoiceId").GetString());
    }

    [Fact]
    public async Task Get_BookedInvoice_ShowsFiguresAndWhereDunningStands()
    {
        var customer = await host.CustomerAsync();
        var invoiceId = "inv-" + customer;
        await host.BookInvoiceAsync(customer, invoiceId, 8_000m, host.Today.AddDays(-10), host.Today.AddDays(20));

        var invoice = await host.InvoiceWhenAsync(invoiceId, "Running");

        Assert.Equal(customer, invoice.GetProperty("customerId").GetString());
        Assert.Equal(8_000m, invoice.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("paid").GetProperty("amount").GetDecimal());
        Assert.Equal(8_000m, invoice.GetProperty("open").GetProperty("amount").GetDecimal());
        Assert.Equal(Date(host.Today.AddDays(-10)), invoice.GetProperty("issueDate").GetString());
        Assert.Equal(0, invoice.GetProperty("level").GetInt32());
        Assert.False(string.IsNullOrEmpty(invoice.GetProperty("nextStep").GetString()));
        Assert.True(DateOnly.Parse(invoice.GetProperty("nextStepOn").GetString()!, CultureInfo.InvariantCulture) > host.Today);
        Assert.Empty(invoice.GetProperty("steps").EnumerateArray());
        Assert.Empty(invoice.GetProperty("payments").EnumerateArray());
        Assert.Empty(invoice.GetProperty("disputes").EnumerateArray());
        Assert.Empty(invoice.GetProperty("promises").EnumerateArray());
    }

    [Fact]
    public async Task Payment_IsDatedTheDayTheErpReceivedIt_NotTheDayDunningSawIt()
    {
        var customer = await host.CustomerAsync();
        var invoiceId = "inv-" + customer;
        await host.BookInvoiceAsync(customer, invoiceId, 8_000m, host.Today.AddDays(-40), host.Today.AddDays(-10));
        await host.InvoiceWhenAsync(invoiceId, "Running");

        // The ERP sends on today a payment it received three days ago.
        await host.PayAsync(customer, "pay-" + customer, invoiceId, 3_000m, host.Today.AddDays(-3));

        var payment = await PaymentSeenAsync(invoiceId);
        Assert.Equal(Date(host.Today.AddDays(-3)), payment.GetProperty("paidOn").GetString());
        Assert.Equal(3_000m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task List_PageSizeTwo_ContinuationLeadsThroughEveryInvoiceOnce()
    {
        var customer = await host.CustomerAsync();
        string[] ids = [$"inv-a-{customer}", $"inv-b-{customer}", $"inv-c-{customer}"];
        foreach (var id in ids)
        {
            await host.BookInvoiceAsync(customer, id, 1_000m, host.Today, host.Today.AddDays(30));
        }

        var first = await host.GetJsonAsync($"/api/customers/{customer}/invoices?pageSize=2");
        var continuation = first.GetProperty("continuation").GetString()!;
        var second = await host.GetJsonAsync($"/api/customers/{customer}/invoices?pageSize=2&continuation={Uri.EscapeDataString(continuation)}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.False(second.TryGetProperty("continuation", out var next) && next.ValueKind != JsonValueKind.Null);
        Assert.Equal(ids, first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("invoiceId").GetString()));
    }

    [Fact]
    public async Task List_OverdueFilter_KeepsOpenInvoicesPastTheirDueDate()
    {
        var customer = await host.CustomerAsync();
        await host.BookInvoiceAsync(customer, $"inv-late-{customer}", 3_000m, host.Today.AddDays(-35), host.Today.AddDays(-5));
        await host.BookInvoiceAsync(customer, $"inv-current-{customer}", 4_000m, host.Today.AddDays(-5), host.Today.AddDays(25));

        var overdue = await host.GetJsonAsync($"/api/invoices?customerId={customer}&overdue=true");
        var notOverdue = await host.GetJsonAsync($"/api/invoices?customerId={customer}&overdue=false");

        var late = Assert.Single(overdue.GetProperty("items").EnumerateArray());
        Assert.Equal($"inv-late-{customer}", late.GetProperty("invoiceId").GetString());
        Assert.Equal(5, late.GetProperty("daysOverdue").GetInt32());
        Assert.Equal($"inv-current-{customer}", Assert.Single(notOverdue.GetProperty("items").EnumerateArray()).GetProperty("invoiceId").GetString());
    }

    [Fact]
    public async Task List_AnotherCustomersInvoices_AreNotListed()
    {
        var customer = await host.CustomerAsync();
        var other = await host.CustomerAsync();
        await host.BookInvoiceAsync(other, "inv-" + other, 2_000m, host.Today, host.Today.AddDays(30));

        var page = await host.GetJsonAsync($"/api/customers/{customer}/invoices");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("status=late", "status")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("continuation=not-a-page", "continuation")]
    public async Task List_BadQueryValue_Answers400NamingTheParameter(string query, string parameter)
    {
        var problem = await host.GetJsonAsync("/api/invoices?" + query, HttpStatusCode.BadRequest);

        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Get_UnknownInvoice_Answers404ProblemDetails()
    {
        using var response = await host.As(CreditRole.Finance).GetAsync("/api/invoices/inv-nobody-has");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReceivablesHost.JsonOf(response);
        Assert.Equal("Invoice not found", problem.GetProperty("title").GetString());
        Assert.Contains("inv-nobody-has", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithoutApiKey_Answers401()
    {
        using var response = await host.Host.Client.GetAsync("/api/invoices");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The invoice's one payment once dunning has seen it (it looks asynchronously; real time, bounded).</summary>
    private async Task<JsonElement> PaymentSeenAsync(string invoiceId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var payments = (await host.GetJsonAsync($"/api/invoices/{Uri.EscapeDataString(invoiceId)}")).GetProperty("payments");
            if (payments.GetArrayLength() > 0)
            {
                return Assert.Single(payments.EnumerateArray());
            }

            Assert.True(DateTime.UtcNow < deadline, $"no payment on {invoiceId} after 30 s");
            await Task.Delay(100);
        }
    }
}
