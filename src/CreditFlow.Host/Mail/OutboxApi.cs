using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Mail;

/// <summary><c>GET /api/outbox</c>: the local outbox as JSON, newest first. Development only.</summary>
internal static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/outbox").WithTags("Local outbox (Development)").AddEndpointFilter(DevelopmentOnly.FilterAsync);
        api.MapGet("", ListAsync).WithName("ListOutbox").WithSummary("Mails stored by the local outbox, newest first (Development only).");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<StoredMail>>> ListAsync(LocalOutboxMailSender outbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await outbox.ListAsync(cancellationToken));
}
