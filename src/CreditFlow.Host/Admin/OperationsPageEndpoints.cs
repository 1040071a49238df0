using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary><c>/admin/partitions</c> (<see cref="PartitionsPage"/>: owners and queues) and <c>/admin/poison</c> (<see cref="PoisonPage"/>: parked messages, replay and discard).</summary>
internal static class OperationsPageEndpoints
{
    public static void MapOperationsPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/partitions", PartitionsAsync).WithName("AdminPartitions").WithSummary("Partitions and their owners.");
        pages.MapGet("/poison", PoisonAsync).WithName("AdminPoison").WithSummary("Poison messages.");
        pages.MapPost("/poison/{poisonId}/replay", ReplayAsync).WithName("AdminPoisonReplay").WithSummary("Puts a poison message back on its control queue.");
        pages.MapPost("/poison/{poisonId}/discard", DiscardAsync).WithName("AdminPoisonDiscard").WithSummary("Deletes a poison message.");
    }

    public static async Task<RazorComponentResult<PartitionsPage>> PartitionsAsync(HttpContext context, DurableTaskClient client) =>
        new(new { Partitions = await client.GetPartitionsAsync(context.RequestAborted), Message = PageMessage.From(Flash.Take(context)) });

    public static async Task<RazorComponentResult<PoisonPage>> PoisonAsync(HttpContext context, DurableTaskClient client) =>
        new(new
        {
            Engine = client.EngineName(),
            Messages = client.HasPoisonQueue() ? await client.GetPoisonMessagesAsync(context.RequestAborted) : null,
            Message = PageMessage.From(Flash.Take(context)),
        });

    public static Task<IResult> ReplayAsync(string poisonId, HttpContext context, DurableTaskClient client) =>
        !client.HasPoisonQueue() ? Task.FromResult(Flash.RedirectWith(context, "/admin/poison", Flash.Error("This engine has no poison queue."))) : ActAsync(context, poisonId, "replay", $"Put message {poisonId} back on its control queue?", ct => client.ReplayPoisonMessageAsync(poisonId, ct), "replayed");

    public static Task<IResult> DiscardAsync(string poisonId, HttpContext context, DurableTaskClient client) =>
        !client.HasPoisonQueue() ? Task.FromResult(Flash.RedirectWith(context, "/admin/poison", Flash.Error("This engine has no poison queue."))) : ActAsync(context, poisonId, "discard", $"Delete message {poisonId} for good?", ct => client.DiscardPoisonMessageAsync(poisonId, ct), "discarded");

    private static async Task<IResult> ActAsync(HttpContext context, string poisonId, string action, string question, Func<CancellationToken, Task<bool>> act, string done)
    {
        var form = await AdminForms.ReadAsync(context.Request, context.RequestAborted);
        if (form is null || !AdminForms.IsConfirmed(form))
        {
            return AdminForms.ConfirmPage(question, $"/admin/poison/{Html.U(poisonId)}/{action}", form ?? new FormCollection(null), "/admin/poison");
        }

        var flash = await act(context.RequestAborted)
            ? Flash.Ok($"Message {poisonId} {done}.")
            : Flash.Error($"No poison message {poisonId} (already replayed or discarded?).");
        return Flash.RedirectWith(context, "/admin/poison", flash);
    }
}
