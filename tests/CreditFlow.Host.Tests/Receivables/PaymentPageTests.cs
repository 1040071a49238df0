using System.Buffers.Text;
using System.Net;
using System.Text;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>
/// The customer's payment page <c>/pay/{token}</c> over HTTP: what a link opens, what it refuses (tampered, expired,
/// foreign, unknown), that GET changes nothing, and the three answers recorded as the API records them.
/// </summary>
[Collection(PaymentCollection.Name)]
public sealed class PaymentPageTests(PaymentHost host)
{
    [Fact]
    public async Task Get_ValidLink_ShowsTheCustomersOpenInvoicesLinkedFirst_AndChangesNothing()
    {
        var customer = await host.CustomerAsync("Guangzhou Pearl Textiles Ltd.");
        var linked = await host.InvoiceAsync(customer, 128_450.50m, termDays: 30);
        var other = await host.InvoiceAsync(customer, 2_000_000m, termDays: 10, issuedDaysAgo: 20);
        var before = (await host.Invoices.GetAsync(customer, linked))!.ETag;
        var otherBefore = (await host.Invoices.GetAsync(customer, other))!.ETag;

        using var response = await host.Client.GetAsync(host.PayPath(customer, linked));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Guangzhou Pearl Textiles Ltd.", html, StringComparison.Ordinal);
        Assert.Contains("128,450.50 CNY", html, StringComparison.Ordinal);
        Assert.Contains("2,000,000.00 CNY", html, StringComparison.Ordinal);
        Assert.Contains("10 days overdue", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf($"data-invoice=\"{linked}\"", StringComparison.Ordinal) < html.IndexOf($"data-invoice=\"{other}\"", StringComparison.Ordinal), "the linked invoice comes first");
        Assert.Contains($"<tr class=\"this\" data-invoice=\"{linked}\"", html, StringComparison.Ordinal);
        Assert.Contains("We will pay by the due date", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        // Style only from /assets (workspace.css), as on the approval pages: nothing inline.
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        // The forms post to the link's answers relative to it (token/answer), so a proxy's path prefix stays in the address.
        var token = host.PayPath(customer, linked)["/pay/".Length..];
        Assert.Contains($"action=\"{token}/confirm\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"{token}/promise\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"{token}/dispute\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/", html, StringComparison.Ordinal);
        Assert.Equal(before, (await host.Invoices.GetAsync(customer, linked))!.ETag);
        Assert.Equal(otherBefore, (await host.Invoices.GetAsync(customer, other))!.ETag);
    }

    [Fact]
    public async Task Link_Tampered_Answers403PageAndStoresNothing()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer);
        var path = host.PayPath(customer, invoice);
        var tampered = path[..^1] + (path[^1] == '0' ? '1' : '0');

        using var shown = await host.Client.GetAsync(tampered);
        using var posted = await host.Client.PostAsync(tampered + "/dispute", Form(("reason", "wrong price")));

        Assert.Equal(HttpStatusCode.Forbidden, shown.StatusCode);
        Assert.Contains("This payment link is not genuine", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Empty((await host.Invoices.GetAsync(customer, invoice))!.Disputes);
    }

    [Fact]
    public async Task Link_Expired_Answers410SayingToContactTheCreditDepartment_AndStoresNothing()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer);
        var path = host.PayPath(customer, invoice, issuedAt: host.Clock.GetUtcNow().AddDays(-31));

        using var shown = await host.Client.GetAsync(path);
        using var posted = await host.Client.PostAsync(path + "/confirm", Form());
        var html = await shown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
        Assert.Contains("This payment link has expired", html, StringComparison.Ordinal);
        Assert.Contains("contact the credit department", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Empty((await host.Invoices.GetAsync(customer, invoice))!.Promises);
    }

    [Fact]
    public async Task Link_OfAnotherInvoice_CannotActOnThisOne()
    {
        var customer = await host.CustomerAsync();
        var mine = await host.InvoiceAsync(customer);
        var theirs = await host.InvoiceAsync(customer);
        var path = host.PayPath(customer, mine);

        // The invoice field swapped for another invoice's, under the first link's signature.
        var parts = path["/pay/".Length..].Split('.');
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(theirs));
        using var swapped = await host.Client.PostAsync("/pay/" + string.Join('.', parts) + "/dispute", Form(("reason", "not ours")));

        // A genuine link, posting a form that names the other invoice: the link's invoice is the only one acted on.
        using var named = await host.Client.PostAsync(path + "/dispute", Form(("reason", "short delivery"), ("invoiceId", theirs)));

        Assert.Equal(HttpStatusCode.Forbidden, swapped.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, named.StatusCode);
        Assert.Empty((await host.Invoices.GetAsync(customer, theirs))!.Disputes);
        Assert.Equal("short delivery", Assert.Single((await host.Invoices.GetAsync(customer, mine))!.Disputes).Reason);
    }

    [Fact]
    public async Task Link_GenuineForAnInvoiceOfAnotherCustomer_Answers404PageAndStoresNothing()
    {
        var owner = await host.CustomerAsync();
        var stranger = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(owner);
        var path = host.PayPath(stranger, invoice);

        using var shown = await host.Client.GetAsync(path);
        using var posted = await host.Client.PostAsync(path + "/confirm", Form());

        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Contains("We cannot find this invoice", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Empty((await host.Invoices.GetAsync(owner, invoice))!.Promises);
    }

    [Fact]
    public async Task Link_Malformed_Answers400Page()
    {
        using var response = await host.Client.GetAsync("/pay/not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This is not a valid payment link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promise_OnADate_RedirectsToTheConfirmation_AndTheInvoiceAwaitsThePromise()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer, 50_000m);
        var path = host.PayPath(customer, invoice);
        var day = host.Today.AddDays(40);

        using var posted = await host.Client.PostAsync(path + "/promise", Form(("promisedDate", day.ToString("yyyy-MM-dd")), ("amount", "20,000.00")));
        using var page = await host.Client.GetAsync(posted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(path + "?done=promised", posted.Headers.Location!.OriginalString);
        Assert.Contains($"We have noted that you will pay 20,000.00 CNY of invoice {invoice} by {day:d MMM yyyy}", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var shown = await host.InvoiceWhenAsync(invoice, "AwaitingPromise");
        var promise = Assert.Single(shown.GetProperty("promises").EnumerateArray());
        Assert.Equal(day.ToString("yyyy-MM-dd"), promise.GetProperty("promisedDate").GetString());
        Assert.Equal(host.Today.ToString("yyyy-MM-dd"), promise.GetProperty("madeOn").GetString());
    }

    [Fact]
    public async Task Confirm_PaymentByTheDueDate_IsAPromiseForTheDueDate()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer, termDays: 45);

        using var posted = await host.Client.PostAsync(host.PayPath(customer, invoice) + "/confirm", Form());

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var shown = await host.InvoiceWhenAsync(invoice, "AwaitingPromise");
        var promise = Assert.Single(shown.GetProperty("promises").EnumerateArray());
        Assert.Equal(host.Today.AddDays(45).ToString("yyyy-MM-dd"), promise.GetProperty("promisedDate").GetString());
    }

    [Fact]
    public async Task Dispute_FromThePage_PausesDunning_AndASecondOneIsRefusedClearly()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer);
        var path = host.PayPath(customer, invoice);

        using var first = await host.Client.PostAsync(path + "/dispute", Form(("reason", "Two pallets arrived damaged.")));
        using var second = await host.Client.PostAsync(path + "/dispute", Form(("reason", "Also the price is wrong.")));
        var refusal = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        var shown = await host.InvoiceWhenAsync(invoice, "PausedByDispute");
        var dispute = Assert.Single(shown.GetProperty("disputes").EnumerateArray());
        Assert.Equal("Two pallets arrived damaged.", dispute.GetProperty("reason").GetString());
        Assert.Equal("customer (payment link)", dispute.GetProperty("raisedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("is still open, so a new one was not recorded", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promise_DateInThePast_ShowsTheErrorNamingTheField_AndStoresNothing()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer);
        var before = (await host.Invoices.GetAsync(customer, invoice))!.ETag;

        using var past = await host.Client.PostAsync(host.PayPath(customer, invoice) + "/promise", Form(("promisedDate", host.Today.AddDays(-1).ToString("yyyy-MM-dd"))));
        using var badAmount = await host.Client.PostAsync(host.PayPath(customer, invoice) + "/promise", Form(("promisedDate", host.Today.AddDays(3).ToString("yyyy-MM-dd")), ("amount", "lots")));
        using var blank = await host.Client.PostAsync(host.PayPath(customer, invoice) + "/dispute", Form(("reason", "   ")));

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var html = await past.Content.ReadAsStringAsync();
        Assert.Contains("<b>Payment date</b>: must be today", html, StringComparison.Ordinal);
        Assert.Contains("id=\"promisedDate\" name=\"promisedDate\" type=\"date\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        // Shown at /pay/{token}/promise: the forms' relative actions are the answers alone, still the link's answers.
        Assert.Contains("action=\"promise\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badAmount.StatusCode);
        Assert.Contains("<b>Amount</b>: must be a number", await badAmount.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("<b>Reason</b>: is required", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await host.Invoices.GetAsync(customer, invoice))!.ETag);
    }

    [Fact]
    public async Task Post_FromAnotherOrigin_Answers403AndStoresNothing()
    {
        var customer = await host.CustomerAsync();
        var invoice = await host.InvoiceAsync(customer);
        using var request = new HttpRequestMessage(HttpMethod.Post, host.PayPath(customer, invoice) + "/confirm") { Content = Form() };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This form was posted from https://evil.example, not from this site. Nothing was changed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty((await host.Invoices.GetAsync(customer, invoice))!.Promises);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
