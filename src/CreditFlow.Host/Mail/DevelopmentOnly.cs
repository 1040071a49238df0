namespace CreditFlow.Host.Mail;

/// <summary>
/// Endpoint filter answering 404 outside Development, before any sign-in, as if the route did not
/// exist; and, for static page frames that link such pages, whether this request runs in Development.
/// </summary>
internal static class DevelopmentOnly
{
    private static readonly AsyncLocal<bool> InDevelopment = new();

    /// <summary>True while serving a request of a Development app (set by <see cref="UseDevelopmentFlag"/>).</summary>
    public static bool IsCurrent => InDevelopment.Value;

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
            ? await next(context)
            : TypedResults.NotFound();

    /// <summary>Marks each request with the app's environment, so a page frame shows Development-only links only there.</summary>
    public static IApplicationBuilder UseDevelopmentFlag(this IApplicationBuilder app)
    {
        var development = app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        return app.Use(async (http, next) =>
        {
            InDevelopment.Value = development;
            await next(http);
        });
    }
}
