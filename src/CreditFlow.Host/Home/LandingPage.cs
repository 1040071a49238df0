using CreditFlow.Host.Pages;
using System.Text;
using CreditFlow.Host.Admin;
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
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private const string Style = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
        header{background:#1d2330;color:#fff;padding:.7rem 1.4rem;font-size:1.05rem}
        main{padding:1.6rem 1.4rem;max-width:60rem;margin:0 auto}
        h1{font-size:1.6rem;margin:0 0 .3rem}p.lead{color:#4a5262;margin:0 0 1.6rem;max-width:44rem}
        ul.places{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}
        ul.places li{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:1rem 1.1rem}
        ul.places a{font-weight:600;font-size:1.05rem;color:#1f4fb0;text-decoration:none}ul.places a:hover{text-decoration:underline}
        ul.places p{margin:.4rem 0 0;color:#3c4452}.who{color:#6b7380;font-size:.9em}
        .tag{display:inline-block;margin-left:.5rem;padding:0 .4rem;border-radius:3px;background:#fff2cc;color:#6b5200;font-size:.75rem;font-weight:600;vertical-align:middle}
        footer{max-width:60rem;margin:0 auto;padding:0 1.4rem 2rem;color:#6b7380;font-size:.9em}footer a{color:#4a5262}
        .mono{font-family:ui-monospace,monospace}
        """;

    public static IEndpointConventionBuilder MapLandingPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", Render).ExcludeFromDescription().WithName("LandingPage").WithSummary("Where to go from the host's address.");

    public static ContentHttpResult Render(HttpContext http, IHostEnvironment environment)
    {
        PageHeaders.Harden(http.Response.Headers, ContentSecurityPolicy);
        var places = new StringBuilder()
            .Append(Place("workspace", "/credit/dashboard", "Credit workspace", "Where the money is: receivables, aging, risk classes and collection; held orders to release or reject within your authority, tasks, warnings, reviews and legal cases.", "Credit users sign in with their API key."))
            .Append(Place("admin", "/admin", "Admin monitor", "Every workflow instance with its history and timeline, actions on it, partitions and poison messages.", "Operators sign in with the admin key."));
        if (environment.IsDevelopment())
        {
            places.Append(Place("outbox", "/admin/outbox", "Outbox", "The mails the local outbox kept instead of sending (no SendGrid key is set), links clickable.", "Development only; the admin key.", tag: "Development"));
        }

        places.Append(Place("api", ApiDocumentation.PagePath, "API reference", "The REST API for applications, customers, holds and the ERP webhooks, with every field and answer.", $"Callers send an API key in x-api-key; the OpenAPI document is {ApiDocumentation.DocumentPath}."));
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">
            <title>CreditFlow</title><style>{Style}</style></head>
            <body><header><b>CreditFlow</b></header>
            <main>
            <h1>CreditFlow</h1>
            <p class="lead">Customer credit management: applications scored and approved, limits set, every order and shipment checked against them, held ones decided by the people with the authority.</p>
            <ul class="places">{places}</ul>
            </main>
            <footer>Health: <a class="mono" href="/healthz">/healthz</a> · <a class="mono" href="/readyz">/readyz</a></footer>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string Place(string id, string href, string name, string what, string who, string? tag = null) =>
        $"""<li id="{id}"><a href="{Html.E(href)}">{Html.E(name)}</a>{(tag is null ? "" : $"<span class=\"tag\">{Html.E(tag)}</span>")}<p>{Html.E(what)}</p><p class="who">{Html.E(who)}</p></li>""";
}
