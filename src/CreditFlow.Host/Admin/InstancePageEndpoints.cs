using CreditFlow.Durable.Client;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary><c>GET /admin/instances/{id}</c> (<see cref="InstancePage"/>): status, payloads, failure, timeline, history and the action forms.</summary>
internal static class InstancePageEndpoints
{
    public static void MapInstancePage(this RouteGroupBuilder pages) =>
        pages.MapGet("/instances/{id}", ShowAsync).WithName("AdminInstance").WithSummary("One instance: details, history, timeline, actions.");

    public static Task<IResult> ShowAsync(string id, HttpContext context, DurableTaskClient client, TimeProvider time) =>
        RenderAsync(context, client, time, id, Flash.Take(context), draft: null, StatusCodes.Status200OK);

    public static async Task<IResult> RenderAsync(HttpContext context, DurableTaskClient client, TimeProvider time, string id, Flash? flash, EventDraft? draft, int statusCode)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, context.RequestAborted);
        if (instance is null)
        {
            return new RazorComponentResult<InstanceNotFound>(new { Id = id, Message = PageMessage.From(flash) }) { StatusCode = StatusCodes.Status404NotFound };
        }

        var history = (await client.GetOrchestrationHistoryAsync(id, context.RequestAborted)).ToList();
        var (inputType, outputType) = PayloadTypes.Of(instance.Name);
        return new RazorComponentResult<InstancePage>(new
        {
            Instance = instance,
            Parent = instance.Tags.TryGetValue(CreditFlowDurableTaskClient.ParentTag, out var parent) ? parent : null,
            InputType = inputType,
            OutputType = outputType,
            CustomStatusType = PayloadTypes.CustomStatus(instance.Name, instance.SerializedCustomStatus),
            History = history,
            Timeline = Timeline.Chart(history, time.GetUtcNow().UtcDateTime, !instance.IsCompleted),
            Draft = draft,
            Message = PageMessage.From(flash),
        })
        {
            StatusCode = statusCode,
        };
    }
}
