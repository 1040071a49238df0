using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CreditFlow.Host.Security;

/// <summary>
/// Answers a forbidden API call with 403 problem details naming the roles that may do it; every
/// other authorization outcome goes to the framework's default handling.
/// </summary>
internal sealed class ApiKeyAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || !policy.AuthenticationSchemes.Contains(ApiKeyAuthenticationHandler.SchemeName))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var needed = (authorizeResult.AuthorizationFailure?.FailedRequirements ?? [])
            .OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var role = context.User.FindFirstValue(ClaimTypes.Role);
        await TypedResults.Problem(
            title: "Role not allowed",
            detail: $"This action needs the role {OneOf(needed)}; the API key '{context.User.Identity?.Name}' has the role {role}.",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["requiredRoles"] = needed, ["role"] = role }).ExecuteAsync(context);
    }

    private static string OneOf(IReadOnlyList<string> roles) => roles.Count switch
    {
        0 => "(none configured)",
        1 => roles[0],
        _ => string.Join(", ", roles.Take(roles.Count - 1)) + " or " + roles[^1],
    };
}
