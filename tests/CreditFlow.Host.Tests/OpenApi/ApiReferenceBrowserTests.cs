using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.OpenApi;

/// <summary>
/// The API reference in a real Chromium: Scalar draws the operations with the API key scheme chosen, a test request
/// with a key answers, and nothing is loaded from anywhere but this host, nor refused by the page's policy.
/// </summary>
public sealed class ApiReferenceBrowserTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [BrowserFact]
    public async Task Browser_OpensTheReference_SeesTheInvoiceOperations_SendsATestRequest_AllFromThisHost()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var origin = api.Anonymous.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = origin, ViewportSize = new() { Width = 1366, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text); // a policy refusal is reported here too
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        var document = await page.RunAndWaitForResponseAsync(() => page.GotoAsync("/api/docs"), response => response.Url == origin + "/openapi/v1.json");

        Assert.Equal(200, document.Status);
        await Expect(page).ToHaveTitleAsync("CreditFlow API");
        // Scalar draws the page from a script of several MB after the document arrives: slower than 5 s on a busy runner.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CreditFlow API", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var sidebar = page.GetByRole(AriaRole.Complementary);
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "/api/invoices HTTP Method: GET", Exact = true })).ToBeVisibleAsync();
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoices followed by dunning, by customer then invoice id; filters: customerId, status, overdue." }))
            .ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Selected Auth Type: ApiKey" }).First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "api-reference", fullPage: false); // the whole reference is many screens long

        // A caller types their key once and tries an operation: the request goes to this host with the key in x-api-key.
        var key = CreditApiHost.KeyOf(CreditRole.CreditOfficer);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Value" }).First.FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/invoices)" }).ClickAsync();
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Send get request to ") }).ClickAsync(),
            response => response.Request.Method == "GET" && new Uri(response.Url).AbsolutePath == "/api/invoices");
        Assert.Equal(200, answer.Status);
        Assert.Equal(key, await answer.Request.HeaderValueAsync("x-api-key"));
        await Expect(page.GetByText("200 OK", new() { Exact = true }).First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "api-reference-test-request", fullPage: false);

        Assert.Empty(errors);
        Assert.Empty(elsewhere);
    }
}
