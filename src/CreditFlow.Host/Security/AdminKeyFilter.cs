namespace CreditFlow.Host.Security;

/// <summary>Answers 401 with problem details unless the request carries the admin key.</summary>
public sealed class AdminKeyFilter(AdminKeyValidator validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (validator.IsAuthorized(context.HttpContext.Request))
        {
            return await next(context);
        }

        return TypedResults.Problem(
            title: "Admin key required",
            detail: validator.IsConfigured
                ? $"Present the admin key in the '{AdminKeyValidator.HeaderName}' header or the '{AdminKeyValidator.QueryName}' query parameter."
                : "No AdminKey is configured; set it in local.settings.json Values or the environment.",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
