using System.Net;
using System.Net.Http.Json;
using CreditFlow.Host.Mail;
using CreditFlow.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Mail;

public sealed class OutboxEndpointsTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ApiOutbox_Development_ListsNewestFirst()
    {
        await using var host = await DevelopmentOutboxHost.StartAsync(storage.ConnectionString, _time);
        var mail = host.Services.GetRequiredService<IMailSender>();
        await mail.SendAsync(new MailMessage("a@example.com", "older", "", ""), "k1", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await mail.SendAsync(new MailMessage("b@example.com", "newer", "", "", [new MailLink("Open", new Uri("https://x.example/approvals/t"))]), "k2", CancellationToken.None);

        var response = await host.Client.GetAsync("/api/outbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mails = (await response.Content.ReadFromJsonAsync<List<StoredMail>>())!;
        Assert.Equal(["newer", "older"], mails.Select(m => m.Subject));
        Assert.Equal(new Uri("https://x.example/approvals/t"), Assert.Single(mails[0].Links).Url);
    }

    [Fact]
    public async Task AdminOutbox_DevelopmentSignedIn_ShowsLinksClickable()
    {
        await using var host = await DevelopmentOutboxHost.StartAsync(storage.ConnectionString, _time);
        await host.Services.GetRequiredService<IMailSender>().SendAsync(
            new MailMessage("manager@example.com", "Approval <needed>", "", "Body text", [new MailLink("Review", new Uri("https://x.example/approvals/t?a=1&b=2"))]),
            "k1",
            CancellationToken.None);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/outbox");
        request.Headers.Add("x-functions-key", DevelopmentOutboxHost.AdminKey);
        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"https://x.example/approvals/t?a=1&amp;b=2\">Review</a>", html, StringComparison.Ordinal);
        Assert.Contains("Approval &lt;needed&gt;", html, StringComparison.Ordinal);
        Assert.Contains("manager@example.com", html, StringComparison.Ordinal);

        // When it was stored, as the workspace writes a time: readable UTC until the script shows it in the reader's locale.
        Assert.Contains("<time datetime=\"2026-03-02T09:00:00.0000000+00:00\">Mon 2 Mar 2026, 09:00 UTC</time>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminOutbox_DevelopmentNotSignedIn_RedirectsToLogin()
    {
        await using var host = await DevelopmentOutboxHost.StartAsync(storage.ConnectionString, _time);

        var response = await host.Client.GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_Production_Answers404()
    {
        await using var host = await RunningHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?> { ["AdminKey"] = DevelopmentOutboxHost.AdminKey });
        Assert.False(host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment(), "This test needs ASPNETCORE_ENVIRONMENT unset or Production.");

        var api = await host.Client.GetAsync("/api/outbox");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/outbox");
        request.Headers.Add("x-functions-key", DevelopmentOutboxHost.AdminKey);
        var page = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
