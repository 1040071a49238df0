using CreditFlow.Host.OpenApi;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Home;

/// <summary>
/// <c>/</c>: where a person who opens the host's address starts. It links the places to work in and
/// says who signs in how; it shows no data, so it needs no sign-in. The outbox is linked only in
/// Development, where it exists.
/// </summary>
internal static class LandingPage
{
    // The workspace's stylesheet and script from /assets, nothing inline; nothing to post.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointConventionBuilder MapLandingPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", Render).ExcludeFromDescription().WithName("LandingPage").WithSummary("Where to go from the host's address.");

    public static RazorComponentResult<StartPage> Render(HttpContext http, IHostEnvironment environment)
    {
        PageHeaders.Harden(http.Response.Headers, ContentSecurityPolicy);
        var places = new List<StartPlace>
        {
            new("workspace", "/credit/dashboard", "Credit workspace", "Where the money is: receivables, aging, risk classes and collection; held orders to release or reject within your authority, tasks, warnings, reviews and legal cases.", "Credit users sign in with their API key."),
            new("admin", "/admin", "Admin monitor", "Every workflow instance with its history and timeline, actions on it, partitions and poison messages.", "Operators sign in with the admin key."),
        };
        if (environment.IsDevelopment())
        {
            places.Add(new("outbox", "/admin/outbox", "Outbox", "The mails the local outbox kept instead of sending (no SendGrid key is set), links clickable.", "Development only; the admin key.", Tag: "Development"));
        }

        places.Add(new("api", ApiDocumentation.PagePath, "API reference", "The REST API for applications, customers, holds and the ERP webhooks, with every field and answer.", $"Callers send an API key in x-api-key; the OpenAPI document is {ApiDocumentation.DocumentPath}."));
        return new RazorComponentResult<StartPage>(new { Places = places });
    }
}
