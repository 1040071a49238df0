using System.Globalization;
using System.Threading.RateLimiting;
using CreditFlow.Host.Configuration;
using Microsoft.AspNetCore.RateLimiting;

namespace CreditFlow.Host.Security;

/// <summary>
/// Rate limits of the public surfaces no sign-in guards: one fixed window per minute and client
/// address (the proxy's client when <see cref="ForwardedHeadersSetup"/> believes it). A request past the
/// limit gets 429 problem details with <c>Retry-After</c>; everything else is not limited at all.
/// </summary>
/// <remarks>
/// The surfaces are listed by path, here and only here: the customers' payment pages (<c>/pay/{token}</c>)
/// are limited like approval links from the day they are mapped, with nothing to add to their group.
/// </remarks>
internal static class PublicRateLimits
{
    /// <summary>Path prefixes of the links mailed to people (a token is the credential).</summary>
    public static readonly IReadOnlyList<string> LinkPaths = ["/approvals", "/pay"];

    /// <summary>Path prefix of the ERP's webhooks (a signature is the credential).</summary>
    public const string WebhookPath = "/api/erp";

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services, RateLimitSettings limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitSettings limits)
    {
        var path = http.Request.Path;
        var (surface, perMinute) = LinkPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? ("links", limits.LinksPerMinute)
            : path.StartsWithSegments(WebhookPath, StringComparison.OrdinalIgnoreCase) ? ("webhooks", limits.WebhooksPerMinute)
            : (null, 0);
        if (surface is null || perMinute == 0)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{surface}|{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            title: "Too many requests",
            detail: $"This address sent more requests than this page takes in a minute. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
    }
}
