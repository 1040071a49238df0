using System.Globalization;
using System.Text.Json;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Apis;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask</c>: same
/// routes, verbs, bodies and status codes, plus partitions and the poison queue. Every route needs
/// the admin key.
/// </summary>
public static class DurableManagementApi
{
    public const string Prefix = "/runtime/webhooks/durabletask";

    public static RouteGroupBuilder MapDurableManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AddEndpointFilter<AdminKeyFilter>().WithTags("Durable management");
        api.MapPost("/orchestrators/{name}/{instanceId?}", StartAsync).WithName("StartOrchestration").WithSummary("Starts an orchestration.");
        api.MapGet("/instances/{instanceId}", GetStatusAsync).WithName("GetInstanceStatus").WithSummary("Status of one instance, optionally with history.");
        api.MapGet("/instances", ListAsync).WithName("ListInstances").WithSummary("Instances matching filters, paged by x-ms-continuation-token.");
        api.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).WithName("RaiseEvent").WithSummary("Raises an event to an instance.");
        api.MapPost("/instances/{instanceId}/terminate", TerminateAsync).WithName("TerminateInstance").WithSummary("Terminates an instance.");
        api.MapPost("/instances/{instanceId}/suspend", SuspendAsync).WithName("SuspendInstance").WithSummary("Suspends an instance.");
        api.MapPost("/instances/{instanceId}/resume", ResumeAsync).WithName("ResumeInstance").WithSummary("Resumes an instance.");
        api.MapPost("/instances/{instanceId}/restart", RestartAsync).WithName("RestartInstance").WithSummary("Starts an instance again with its input.");
        api.MapPost("/instances/{instanceId}/rewind", RewindAsync).WithName("RewindInstance").WithSummary("Runs a failed instance again from its last good state.");
        api.MapDelete("/instances/{instanceId}", PurgeAsync).WithName("PurgeInstance").WithSummary("Purges one instance, whatever its state.");
        api.MapDelete("/instances", PurgeManyAsync).WithName("PurgeInstances").WithSummary("Purges ended instances matching filters.");
        api.MapGet("/partitions", PartitionsAsync).WithName("ListPartitions").WithSummary("Partitions with their owners.");
        api.MapGet("/poison", PoisonAsync).WithName("ListPoisonMessages").WithSummary("Messages parked in the poison queue.");
        api.MapPost("/poison/{poisonId}/replay", ReplayPoisonAsync).WithName("ReplayPoisonMessage").WithSummary("Puts a poison message back on its queue.");
        api.MapDelete("/poison/{poisonId}", DiscardPoisonAsync).WithName("DiscardPoisonMessage").WithSummary("Deletes a poison message.");
        return api;
    }

    public static async Task<Results<Accepted<ManagementUrls>, ProblemHttpResult>> StartAsync(
        string name, string? instanceId, HttpRequest request, DurableTaskClient client, CreditFlowSettings settings, CancellationToken cancellationToken)
    {
        var (input, error) = await ReadJsonBodyAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
            return Accepted(request, settings, id);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException e)
        {
            // Durable Functions lets this surface as a 500; a conflict says what happened.
            return Problem(StatusCodes.Status409Conflict, "Instance already exists", e.Message);
        }
        catch (ArgumentException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid instance id", e.Message);
        }
    }

    public static async Task<IResult> GetStatusAsync(
        string instanceId, HttpRequest request, DurableTaskClient client, CreditFlowSettings settings,
        bool? showHistory, bool? showHistoryOutput, bool? showInput, bool? returnInternalServerErrorOnFailure, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Instance not found", $"No orchestration instance with id '{instanceId}' exists.");
        }

        var history = showHistory == true ? (await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken)).ToList() : null;
        var body = InstanceStatus.From(metadata, showInput != false, history, showHistoryOutput == true);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed when returnInternalServerErrorOnFailure == true:
                return TypedResults.Json(body, statusCode: StatusCodes.Status500InternalServerError);
            case OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                return TypedResults.Ok(body);
            default:
                // Still going: 202 pointing back here, and a pause so clients do not poll in a tight loop.
                request.HttpContext.Response.Headers.RetryAfter = "5";
                return TypedResults.Accepted($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}", body);
        }
    }

    public static async Task<IResult> ListAsync(
        HttpRequest request, HttpResponse response, DurableTaskClient client,
        DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus, string? instanceIdPrefix, int? top, bool? showInput,
        CancellationToken cancellationToken)
    {
        if (ParseStatuses(runtimeStatus) is not { } statuses)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid runtimeStatus", $"runtimeStatus must be a comma-separated list of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())} (was '{runtimeStatus}').");
        }

        if (top is < 1 or > 1000)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid top", $"top must be between 1 and 1000 (was {top}).");
        }

        var query = new OrchestrationQuery
        {
            CreatedFrom = createdTimeFrom,
            CreatedTo = createdTimeTo,
            Statuses = statuses,
            InstanceIdPrefix = instanceIdPrefix,
            PageSize = top ?? 100,
            FetchInputsAndOutputs = showInput != false,
        };
        var continuation = request.Headers["x-ms-continuation-token"].FirstOrDefault() is { Length: > 0 } token ? token : null;
        var page = await client.GetAllInstancesAsync(query).AsPages(continuation, query.PageSize).FirstAsync(cancellationToken);
        if (page.ContinuationToken is { } next)
        {
            response.Headers["x-ms-continuation-token"] = next;
        }

        return TypedResults.Ok(page.Values.Select(m => InstanceStatus.From(m, showInput != false, null, false)).ToList());
    }

    public static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (payload, error) = await ReadJsonBodyAsync(request, cancellationToken);
        return error ?? await ControlAsync(client, instanceId, s => s.IsEnded(), () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken), cancellationToken);
    }

    public static Task<IResult> TerminateAsync(string instanceId, string? reason, bool? recursive, DurableTaskClient client, CancellationToken cancellationToken) =>
        ControlAsync(client, instanceId, s => s.IsEnded(), () => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason, recursive == true), cancellationToken), cancellationToken);

    public static Task<IResult> SuspendAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        ControlAsync(client, instanceId, s => s.IsEnded(), () => client.SuspendInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    public static Task<IResult> ResumeAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        ControlAsync(client, instanceId, s => s.IsEnded(), () => client.ResumeInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>Durable Functions rewinds a failed instance; one that completed or was terminated is 410, one still running is left as it is (202).</summary>
    public static Task<IResult> RewindAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        ControlAsync(
            client, instanceId, s => s is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated,
            async () =>
            {
                if ((await client.GetInstanceAsync(instanceId, cancellationToken))?.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
                {
                    await client.RewindInstanceAsync(instanceId, reason ?? "rewound through the management API", cancellationToken);
                }
            },
            cancellationToken);

    public static async Task<IResult> RestartAsync(string instanceId, bool? restartWithNewInstanceId, HttpRequest request, DurableTaskClient client, CreditFlowSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var id = await client.RestartAsync(instanceId, restartWithNewInstanceId != false, cancellationToken);
            return Accepted(request, settings, id);
        }
        catch (ArgumentException e)
        {
            // Durable Functions' answer to an unknown instance (and to one that cannot be replaced).
            return Problem(StatusCodes.Status400BadRequest, "InstanceId does not match a valid orchestration instance.", e.Message);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Instance is still running", e.Message);
        }
    }

    /// <summary>As Durable Functions does it: the instance is deleted whatever its state; 404 when there is none.</summary>
    public static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var deleted = await client.PurgeInAnyStateAsync(instanceId, cancellationToken);
        return deleted == 0
            ? Problem(StatusCodes.Status404NotFound, "Instance not found", $"No orchestration instance with id '{instanceId}' exists.")
            : TypedResults.Ok(new { instancesDeleted = deleted });
    }

    public static async Task<IResult> PurgeManyAsync(DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (createdTimeFrom is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "createdTimeFrom is required", "Purging by filter needs createdTimeFrom, as in Durable Functions.");
        }

        if (ParseStatuses(runtimeStatus) is not { } statuses)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid runtimeStatus", $"runtimeStatus must be a comma-separated list of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())} (was '{runtimeStatus}').");
        }

        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(createdTimeFrom, createdTimeTo, statuses), cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Problem(StatusCodes.Status404NotFound, "No instances matched", "No ended instance matches the filter.")
            : TypedResults.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    public static async Task<Ok<IReadOnlyList<PartitionInfo>>> PartitionsAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(await client.GetPartitionsAsync(cancellationToken));

    public static async Task<IResult> PoisonAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        !client.HasPoisonQueue()
            ? NoPoisonQueue(client)
            : TypedResults.Ok((await client.GetPoisonMessagesAsync(cancellationToken)).Select(p => new { id = p.PoisonId, message = p.Message }));

    public static async Task<IResult> ReplayPoisonAsync(string poisonId, DurableTaskClient client, CancellationToken cancellationToken) =>
        !client.HasPoisonQueue() ? NoPoisonQueue(client)
        : await client.ReplayPoisonMessageAsync(poisonId, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : Problem(StatusCodes.Status404NotFound, "Poison message not found", $"No poison message with id '{poisonId}'.");

    public static async Task<IResult> DiscardPoisonAsync(string poisonId, DurableTaskClient client, CancellationToken cancellationToken) =>
        !client.HasPoisonQueue() ? NoPoisonQueue(client)
        : await client.DiscardPoisonMessageAsync(poisonId, cancellationToken)
            ? TypedResults.Ok()
            : Problem(StatusCodes.Status404NotFound, "Poison message not found", $"No poison message with id '{poisonId}'.");

    /// <summary>The poison queue is CreditFlow's engine's; on another engine the routes say so instead of failing.</summary>
    private static ProblemHttpResult NoPoisonQueue(DurableTaskClient client) =>
        Problem(StatusCodes.Status501NotImplemented, "No poison queue on this engine",
            $"The durable engine is {client.EngineName()}; only CreditFlow's engine (storageProvider.type CreditFlow) parks failing messages in a poison queue.");

    /// <summary>
    /// Runs a control operation as Durable Functions does: 404 for an unknown instance, 410 when its
    /// status says it is <paramref name="gone"/>, otherwise the operation and 202.
    /// </summary>
    private static async Task<IResult> ControlAsync(DurableTaskClient client, string instanceId, Func<OrchestrationRuntimeStatus, bool> gone, Func<Task> operation, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (metadata is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Instance not found", $"No orchestration instance with id '{instanceId}' exists.");
        }

        if (gone(metadata.RuntimeStatus))
        {
            return Problem(StatusCodes.Status410Gone, "Instance has ended", $"Instance '{instanceId}' is {metadata.RuntimeStatus}.");
        }

        try
        {
            await operation();
            return TypedResults.Accepted((string?)null);
        }
        catch (InvalidOperationException e)
        {
            // Ended between the status read and the operation.
            return Problem(StatusCodes.Status410Gone, "Instance has ended", e.Message);
        }
    }

    private static bool IsEnded(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static async Task<(JsonElement? Value, ProblemHttpResult? Error)> ReadJsonBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            return (JsonDocument.Parse(text).RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON", $"Line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message.Split(" Path:", 2)[0]}"));
        }
    }

    private static IReadOnlyCollection<OrchestrationRuntimeStatus>? ParseStatuses(string? runtimeStatus)
    {
        if (string.IsNullOrWhiteSpace(runtimeStatus))
        {
            return [];
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var part in runtimeStatus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || int.TryParse(part, CultureInfo.InvariantCulture, out _))
            {
                return null;
            }

            statuses.Add(status);
        }

        return statuses;
    }

    private static Accepted<ManagementUrls> Accepted(HttpRequest request, CreditFlowSettings settings, string instanceId)
    {
        var urls = Urls(request, settings, instanceId);
        request.HttpContext.Response.Headers.RetryAfter = "10";
        return TypedResults.Accepted(urls.StatusQueryGetUri, urls);
    }

    /// <summary>The management URLs of an instance; the key is echoed only when the caller sent it in the query.</summary>
    private static ManagementUrls Urls(HttpRequest request, CreditFlowSettings settings, string instanceId)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/instances/{Uri.EscapeDataString(instanceId)}";
        var query = $"taskHub={Uri.EscapeDataString(settings.Durable.HubName)}&connection=Storage";
        if (request.Query[AdminKeyValidator.QueryName].FirstOrDefault() is { } code)
        {
            query += $"&code={Uri.EscapeDataString(code)}";
        }

        return new ManagementUrls(
            instanceId,
            $"{root}?{query}",
            $"{root}/raiseEvent/{{eventName}}?{query}",
            $"{root}/terminate?reason={{text}}&{query}",
            $"{root}?{query}",
            $"{root}/suspend?reason={{text}}&{query}",
            $"{root}/resume?reason={{text}}&{query}",
            $"{root}/restart?{query}",
            $"{root}/rewind?reason={{text}}&{query}");
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
