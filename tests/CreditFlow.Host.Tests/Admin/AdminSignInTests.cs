using System.Net;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Tests.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using static CreditFlow.Host.Tests.Admin.AdminHostFixture;

namespace CreditFlow.Host.Tests.Admin;

public sealed class AdminSignInTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/instances/some-id")]
    [InlineData("/admin/partitions")]
    [InlineData("/admin/poison")]
    public async Task Page_NotSignedIn_RedirectsToLogin(string path)
    {
        using var browser = host.NewBrowser();

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/admin/login?next={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Action_NotSignedIn_RedirectsToLoginAndDoesNothing()
    {
        var id = await host.Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 300, new StartOrchestrationOptions { InstanceId = $"signin-{Guid.NewGuid():N}" });
        await host.WaitForStartAsync(id);
        using var browser = host.NewBrowser();

        // With the login page's token (as a browser whose session ended would have one), so the sign-in check answers.
        using var response = await browser.PostFormAsync("/admin/login", $"/admin/instances/{id}/terminate", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.OriginalString);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Login_WrongKey_Answers401WithFormAndNoSession()
    {
        using var browser = host.NewBrowser();

        using var response = await browser.PostFormAsync("/admin/login", "/admin/login", ("key", "not-the-admin-key-at-all"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That is not the admin key.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var list = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
    }

    [Fact]
    public async Task Login_RightKey_SetsStrictHttpOnlyCookieAndOpensTheList()
    {
        using var browser = host.NewBrowser();

        using var response = await browser.PostFormAsync("/admin/login", "/admin/login", ("key", AdminKey), ("next", "/admin/partitions"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/admin/partitions", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("creditflow-admin=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here
        using var list = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("<h1>Instances</h1>", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", list.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal); // no inline style on the layout
    }

    [Fact]
    public async Task Login_NextOutsideAdmin_RedirectsToAdminInstead()
    {
        using var browser = host.NewBrowser();

        using var response = await browser.PostFormAsync("/admin/login", "/admin/login", ("key", AdminKey), ("next", "//evil.example/admin"));

        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        using var browser = await host.SignedInBrowserAsync();

        using var response = await browser.PostFormAsync("/admin", "/admin/logout");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        using var list = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
    }

    [Fact]
    public async Task Post_FromAnotherOrigin_Answers403AndDoesNothing()
    {
        var id = await host.Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 300, new StartOrchestrationOptions { InstanceId = $"csrf-{Guid.NewGuid():N}" });
        await host.WaitForStartAsync(id);
        using var browser = await host.SignedInBrowserAsync();
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/admin/instances/{id}/terminate") { Content = Form(("confirm", "yes")) };
        forged.Headers.Add("Origin", "http://evil.example");

        using var response = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-origin request refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);

        using var own = new HttpRequestMessage(HttpMethod.Post, $"/admin/instances/{id}/terminate") { Content = await browser.FormAsync($"/admin/instances/{id}", ("confirm", "yes"), ("reason", "test")) };
        own.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var accepted = await browser.SendAsync(own);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitForCompletionAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Action_SameSiteWithoutTheFormToken_Answers400WithTheNotice_AndDoesNothing()
    {
        var id = await host.Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 300, new StartOrchestrationOptions { InstanceId = $"notoken-{Guid.NewGuid():N}" });
        await host.WaitForStartAsync(id);
        using var browser = await host.SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/instances/{id}/terminate") { Content = Form(("confirm", "yes"), ("reason", "test")) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var notice = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Form out of date</h1>", notice, StringComparison.Ordinal);
        Assert.Contains("This form was out of date, so nothing was changed. Open the page again and send the form from there.", notice, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Durable.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Action_WithTheTokenOfAnotherBrowser_Answers400_AndDoesNothing()
    {
        var id = await host.Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 300, new StartOrchestrationOptions { InstanceId = $"othertoken-{Guid.NewGuid():N}" });
        await host.WaitForStartAsync(id);
        using var browser = await host.SignedInBrowserAsync();
        using var other = await host.SignedInBrowserAsync();

        using var response = await browser.PostAsync(
            new Uri($"/admin/instances/{id}/terminate", UriKind.Relative), FormPosts.Form(await other.TokenAsync($"/admin/instances/{id}"), [("confirm", "yes")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Form out of date</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Durable.TerminateInstanceAsync(id, "test over");
    }

    [Fact]
    public async Task Login_WithoutTheFormToken_Answers400AndOpensNoSession()
    {
        using var browser = host.NewBrowser();

        // A page elsewhere posting the right key would sign this browser in to someone else's session (login CSRF).
        using var response = await browser.PostAsync(new Uri("/admin/login", UriKind.Relative), Form(("key", AdminKey)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Form out of date</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var list = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, list.StatusCode);
    }
}
