using CreditFlow.Host.Security;
using Scalar.AspNetCore;

namespace CreditFlow.Host.OpenApi;

/// <summary>
/// <c>/api/docs</c>: the OpenAPI document in Scalar's reference UI. Its script bundle ships inside the
/// Scalar.AspNetCore package and is served from here (<c>/api/docs/scalar.js</c>); nothing is fetched
/// from elsewhere, so the page works offline. Scalar answers <c>/api/docs</c> with a redirect to
/// <c>/api/docs/</c>, where its relative script paths resolve. Test requests go straight to this host. Scalar takes
/// any last segment as a document's name (<c>/api/docs/{documentName}</c>) and would draw an empty reference for a
/// name that does not exist; only <see cref="ApiDocumentation.DocumentName"/> does, so any other answers 404.
/// </summary>
internal static class ApiReference
{
    private const string Title = "CreditFlow API";

    // Scalar writes its styles inline at run time (hence 'unsafe-inline', unlike our pages); scripts only by this answer's nonce; requests only here.
    private static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ApiDocumentation.PagePath, Configure).AddEndpointFilter(HardenAsync);

    private static void Configure(ScalarOptions options) =>
        options.WithTitle(Title)
            .AddDocument(ApiDocumentation.DocumentName, routePattern: ApiDocumentation.DocumentPath)
            .WithNonce()
            .WithTheme(ScalarTheme.Default)
            .ForceLightMode()
            // Callers authenticate with their key in x-api-key: the scheme is chosen already; the key typed in is not kept
            // (no persistent authentication, Scalar's default).
            .AddPreferredSecuritySchemes([ApiKeyAuthenticationHandler.SchemeName])
            // Everything that would reach Scalar's own services: fonts from its CDN, telemetry, the AI chat, MCP, the toolbar,
            // and the sidebar's "Open API Client" button (a link to Scalar's hosted client). Test requests stay in the page.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton()
            .WithJsonDocumentDownload()
            // The summaries are sentences: the sidebar lists the paths, the page the summaries.
            .WithOperationTitleSource(OperationTitleSource.Path)
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl)
            .WithFeaturedClients(
                new(ScalarTarget.Shell, ScalarClient.Curl),
                new(ScalarTarget.CSharp, ScalarClient.HttpClient),
                new(ScalarTarget.Java, ScalarClient.NetHttp),
                new(ScalarTarget.Python, ScalarClient.Requests),
                new(ScalarTarget.Node, ScalarClient.Fetch));

    /// <summary>
    /// Refuses a document that does not exist; otherwise sets the page's security headers with the nonce Scalar gave this
    /// request's start-up script. Only the page has one: its script files and the redirect to the page keep Scalar's own headers.
    /// </summary>
    private static async ValueTask<object?> HardenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues["documentName"] is string { Length: > 0 } name && name != ApiDocumentation.DocumentName)
        {
            return TypedResults.Problem(
                $"There is no API document '{name}': the reference of the API is at {ApiDocumentation.PagePath}/ (document {ApiDocumentation.DocumentName}).",
                statusCode: StatusCodes.Status404NotFound,
                title: "No such API document");
        }

        var result = await next(context);
        if (context.HttpContext.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
        {
            PageHeaders.Harden(context.HttpContext.Response.Headers, ContentSecurityPolicy(nonce));
        }

        return result;
    }
}
