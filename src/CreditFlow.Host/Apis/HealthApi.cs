using CreditFlow.Host.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Apis;

/// <summary>Liveness and readiness probes for orchestrators such as Kubernetes or App Service.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Alive).WithName("Liveness").WithSummary("The process is alive.");
        app.MapGet("/readyz", ReadyAsync).WithName("Readiness").WithSummary("Storage is reachable.");
        return app;
    }

    public static Ok<HealthReport> Alive() => TypedResults.Ok(new HealthReport("alive", null));

    public static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> ReadyAsync(StorageReadiness storage, CancellationToken cancellationToken)
    {
        var reason = await storage.CheckAsync(cancellationToken);
        return reason is null
            ? TypedResults.Ok(new HealthReport("ready", null))
            : TypedResults.Problem(title: "Storage is not reachable", detail: reason, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthReport(string Status, string? Reason);
