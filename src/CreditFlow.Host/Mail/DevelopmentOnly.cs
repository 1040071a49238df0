namespace CreditFlow.Host.Mail;

/// <summary>Endpoint filter answering 404 outside Development, before any sign-in, as if the route did not exist.</summary>
internal static class DevelopmentOnly
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
            ? await next(context)
            : TypedResults.NotFound();
}
