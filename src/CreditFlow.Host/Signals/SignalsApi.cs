using System.Globalization;
using CreditFlow.ErpContract;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Signals;
using CreditFlow.Workflows.Warnings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Signals;

/// <summary>
/// <c>/api/signals</c>: warning signals about customers from outside. A data provider posts them through a signed webhook
/// (the ERP's signature scheme under the provider's own key, the provider named in <see cref="SignalProviderSigning.ProviderHeader"/>);
/// credit staff post them with their API key (<see cref="ApiKeyPolicies.SendSignalsRoles"/>). Each provider's event is
/// stored once: sent again it is answered as the first time, its id with another body is 409. Nothing is stored on any
/// error. Any API key lists a customer's signals.
/// </summary>
internal static class SignalsApi
{
    /// <summary>The provider of the signals staff send: their event ids share one namespace, whoever sent them.</summary>
    public const string StaffProvider = "staff";

    /// <summary>Largest body accepted: a signal is a few fields and a summary; anything bigger is refused unread.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        var signals = app.MapGroup("/api/signals").WithTags("Signals");

        // No policy on the route: a provider's webhook carries a signature, not an API key; ReceiveAsync checks one or the other.
        signals.MapPost("", ReceiveAsync)
            .WithName("ReceiveSignal")
            .WithSummary("Receives a warning signal about a customer: from a data provider (signed webhook) or credit staff (API key).")
            .WithDescription("Body: {\"eventId\", \"customerId\", \"kind\", \"observedAt\", \"value\", \"summary\", \"sourceUrl\"}; kind one of "
                + string.Join(", ", SignalBody.Kinds.Select(SignalBody.Name)) + "; value the percent pledged (0-100) for equityPledgedPercent only. "
                + $"A provider signs as the ERP does ({ErpSignature.TimestampHeader}, {ErpSignature.SignatureHeader}) with its key "
                + $"(Signals__Providers__<name>__SigningKey) and names itself in {SignalProviderSigning.ProviderHeader}: any of these headers makes "
                + "the request a webhook, 401 unless signed. Otherwise an API key is needed; roles: "
                + string.Join(", ", ApiKeyPolicies.SendSignalsRoles) + ". Idempotent by the provider and eventId: sent again, the first answer; "
                + "another body under the id, 409. Unknown customer: 404. Answers the stored signal.")
            .Accepts<SignalBody>("application/json")
            .Produces<SignalView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        signals.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListSignals")
            .WithSummary("The signals received about a customer, newest first (at most 500).")
            .WithDescription("customerId is required; 404 for an unknown customer.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return signals;
    }

    internal static async Task<Results<Ok<SignalView>, ProblemHttpResult, EmptyHttpResult>> ReceiveAsync(HttpContext http, [AsParameters] SignalServices services)
    {
        var cancellationToken = http.RequestAborted;
        var (sender, refused) = IsWebhook(http.Request) ? await ProviderAsync(http, services) : await StaffAsync(http);
        if (sender is null)
        {
            return refused!;
        }

        if (!http.Request.HasJsonContentType())
        {
            return ApiProblems.UnsupportedMediaType("Send the body as JSON with Content-Type: application/json.");
        }

        var now = services.Clock.GetUtcNow();
        var (body, problem) = JsonBody.Read<SignalBody>(sender.Body, validate: b => SignalBody.Validate(b, now));
        if (problem is not null)
        {
            return problem;
        }

        if (await services.Customers.GetAsync(body!.CustomerId!, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Customer", $"customerId: no customer with id '{body.CustomerId}' exists. Nothing was stored.");
        }

        var signal = new ReceivedSignal(
            sender.Provider,
            body.EventId!,
            body.CustomerId!,
            body.ParsedKind!.Value,
            body.Value,
            body.ObservedAtUtc!.Value,
            now.ToUniversalTime(),
            body.Summary!.Trim(),
            body.SourceUrl is null ? null : new Uri(body.SourceUrl, UriKind.Absolute),
            sender.Name,

            // By content: a replay that only changes whitespace, member order or number format is the same signal.
            CanonicalJson.Sha256(sender.Body));
        var (stored, outcome) = await SignalStoredAsync(signal, services.Signals, services.Warnings, cancellationToken);
        return outcome == SignalAddition.IdReused
            ? ApiProblems.Conflict(
                "Event id reused",
                $"{stored.Provider} sent event '{stored.EventId}' before, with another content (received {stored.ReceivedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}). "
                + "Nothing was stored; a new event needs a new eventId.")
            : TypedResults.Ok(SignalView.From(stored));
    }

    /// <summary>
    /// Where every signal received goes: stored once per provider's event, then handed to its warning workflow (the rules
    /// decide whether it is a warning). A replay starts it too, which changes nothing once it runs (one workflow per
    /// customer and signal) and starts it when a crash came between storing and starting.
    /// </summary>
    internal static async Task<(ReceivedSignal Signal, SignalAddition Outcome)> SignalStoredAsync(
        ReceivedSignal signal, SignalStore signals, CustomerWarnings warnings, CancellationToken cancellationToken)
    {
        var (stored, outcome) = await signals.AddOnceAsync(signal, cancellationToken);
        if (outcome != SignalAddition.IdReused)
        {
            await warnings.StartAsync(new WarningSignal($"{stored.Provider}-{stored.EventId}", stored.ToCreditSignal()), cancellationToken);
        }

        return (stored, outcome);
    }

    internal static async Task<Results<Ok<SignalView[]>, ProblemHttpResult>> ListAsync(
        string? customerId, SignalStore signals, CustomerRepository customers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(customerId) || !ResourceIds.IsPlausible(customerId))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["customerId"] = ["is required: a customer id of 1-256 characters without '/', '\\', '#', '?' or control characters."],
            });
        }

        if (await customers.GetAsync(customerId, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Customer", $"No customer with id '{customerId}' exists.");
        }

        var found = await signals.ListForCustomerAsync(customerId, cancellationToken);
        return TypedResults.Ok(found.Select(SignalView.From).ToArray());
    }

    /// <summary>A webhook says who signed it or carries a signature; anything else is a staff call.</summary>
    private static bool IsWebhook(HttpRequest request) =>
        request.Headers.ContainsKey(SignalProviderSigning.ProviderHeader)
        || request.Headers.ContainsKey(ErpSignature.SignatureHeader)
        || request.Headers.ContainsKey(ErpSignature.TimestampHeader);

    /// <summary>The provider that signed the raw body, checked before anything is parsed; or the 401 (413) to answer.</summary>
    private static async Task<(Sender? Sender, Results<Ok<SignalView>, ProblemHttpResult, EmptyHttpResult>? Refused)> ProviderAsync(HttpContext http, SignalServices services)
    {
        var body = await ErpWebhooksApi.ReadBodyAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return (null, TooLarge());
        }

        var headers = http.Request.Headers;
        if (services.Signing.Provider(headers[SignalProviderSigning.ProviderHeader]) is not { } provider)
        {
            return (null, Unauthorized(headers.ContainsKey(SignalProviderSigning.ProviderHeader)
                ? $"The {SignalProviderSigning.ProviderHeader} header does not name a configured provider (Signals__Providers__<name>__SigningKey)."
                : $"Name your provider in the {SignalProviderSigning.ProviderHeader} header, as it is configured (Signals__Providers__<name>__SigningKey)."));
        }

        var now = Rehearsal.RehearsalClock.RealTimeOf(services.Clock);
        return services.Signing.Verify(provider, headers[ErpSignature.TimestampHeader], headers[ErpSignature.SignatureHeader], body, now) switch
        {
            SignatureCheck.Valid => (new Sender(provider, provider, body), null),
            SignatureCheck.Missing => (null, Unauthorized(
                $"Send the {ErpSignature.TimestampHeader} (Unix seconds) and {ErpSignature.SignatureHeader} (sha256=<hex HMAC-SHA256 of \"timestamp.body\">) headers.")),
            SignatureCheck.Stale => (null, Unauthorized($"The timestamp is more than {services.Signing.Window} away from now; sign the request when you send it.")),
            _ => (null, Unauthorized($"The signature does not match the body and timestamp under any key of provider '{provider}'.")),
        };
    }

    /// <summary>
    /// The staff member whose API key may send signals, authorized as the authorization middleware does for a route with the
    /// <see cref="ApiKeyPolicies.SendSignals"/> policy, whose 401 or 403 it writes itself (then: null, and nothing more to answer).
    /// </summary>
    private static async Task<(Sender? Sender, Results<Ok<SignalView>, ProblemHttpResult, EmptyHttpResult>? Refused)> StaffAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(ApiKeyPolicies.SendSignals)
            ?? throw new InvalidOperationException($"The policy {ApiKeyPolicies.SendSignals} is not registered.");
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var authenticated = await evaluator.AuthenticateAsync(policy, http);
        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, http, resource: http);
        var allowed = false;
        await services.GetRequiredService<IAuthorizationMiddlewareResultHandler>().HandleAsync(
            _ =>
            {
                allowed = true;
                return Task.CompletedTask;
            },
            http,
            policy,
            authorized);
        if (!allowed)
        {
            return (null, TypedResults.Empty);
        }

        var body = await ErpWebhooksApi.ReadBodyAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        var name = http.User.Identity?.Name ?? throw new InvalidOperationException("An API key policy names the caller.");
        return body is null ? (null, TooLarge()) : (new Sender(StaffProvider, name, body), null);
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Signal signature refused", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: "Body too large", detail: $"A signal may have at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Who sent a signal's raw body: the provider (for staff: <see cref="StaffProvider"/>) and the name recorded as sender.</summary>
    private sealed record Sender(string Provider, string Name, byte[] Body);
}
