using System.Globalization;
using System.Text;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary><c>/admin/partitions</c> (owners and queues) and <c>/admin/poison</c> (parked messages, replay and discard).</summary>
internal static class OperationsPages
{
    public static void MapOperationsPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/partitions", PartitionsAsync).WithName("AdminPartitions").WithSummary("Partitions and their owners.");
        pages.MapGet("/poison", PoisonAsync).WithName("AdminPoison").WithSummary("Poison messages.");
        pages.MapPost("/poison/{poisonId}/replay", ReplayAsync).WithName("AdminPoisonReplay").WithSummary("Puts a poison message back on its control queue.");
        pages.MapPost("/poison/{poisonId}/discard", DiscardAsync).WithName("AdminPoisonDiscard").WithSummary("Deletes a poison message.");
    }

    public static async Task<IResult> PartitionsAsync(HttpContext context, DurableTaskClient client)
    {
        var partitions = await client.GetPartitionsAsync(context.RequestAborted);
        var html = new StringBuilder("<h1>Partitions</h1><table id=\"partitions\"><thead><tr><th>Partition</th><th>Owner</th><th>Lease expires (UTC)</th><th>Messages (approx.)</th><th>Next timer (UTC)</th></tr></thead><tbody>");
        foreach (var p in partitions)
        {
            var owner = p.Owner is null ? "<span class=\"muted\">(none)</span>" : $"<span class=\"mono\">{Html.E(p.Owner)}</span>";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{p.Index}</td><td>{owner}</td><td>{Html.Time(p.LeaseExpiresAt)}</td><td>{p.ApproximateMessageCount}</td><td>{Html.Time(p.NextTimerDueAt)}</td></tr>");
        }

        html.Append("</tbody></table>");
        var owners = partitions.Where(p => p.Owner is not null).GroupBy(p => p.Owner!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Owners ({owners.Count})</h2><table style=\"width:auto\"><thead><tr><th>Owner</th><th>Partitions</th></tr></thead><tbody>");
        foreach (var owner in owners)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{Html.E(owner.Key)}</td><td>{string.Join(", ", owner.Select(p => p.Index))}</td></tr>");
        }

        return AdminFrame.Page("Partitions", html.Append("</tbody></table>").ToString(), Flash.Take(context));
    }

    public static async Task<IResult> PoisonAsync(HttpContext context, DurableTaskClient client)
    {
        if (!client.HasPoisonQueue())
        {
            return AdminFrame.Page("Poison messages", $"<h1>Poison messages</h1><p class=\"muted\">The durable engine is {Html.E(client.EngineName())}, which has no poison queue: a message that keeps failing stays on its control queue and is retried. Only CreditFlow's engine (storageProvider.type CreditFlow) parks such messages here.</p>", Flash.Take(context));
        }

        var messages = await client.GetPoisonMessagesAsync(context.RequestAborted);
        var html = new StringBuilder("<h1>Poison messages</h1><p class=\"muted\">Messages that failed too often and were parked (the first 32). Replay puts one back on its control queue; discard deletes it.</p>");
        html.Append("<table id=\"poison\"><thead><tr><th>Id</th><th>Parked (UTC)</th><th>Partition</th><th>Dequeues</th><th>Reason</th><th>Message</th><th></th></tr></thead><tbody>");
        foreach (var (poisonId, message) in messages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{Html.E(poisonId)}</td><td>{Html.Time(new DateTimeOffset(message.PoisonedAt, TimeSpan.Zero))}</td><td>{message.Partition}</td><td>{message.DequeueCount}</td><td>{Html.E(message.Reason)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><details><summary class=\"mono\">{Html.E(Html.Clip(message.Body, 60))}</summary>{Html.Json(message.Body)}</details></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Button(poisonId, "replay", "Replay", $"Put message {poisonId} back on control queue {message.Partition}?")}{Button(poisonId, "discard", "Discard", $"Delete message {poisonId} for good?")}</td></tr>");
        }

        if (messages.Count == 0)
        {
            html.Append("<tr><td colspan=\"7\" class=\"muted\">No poison messages.</td></tr>");
        }

        return AdminFrame.Page("Poison messages", html.Append("</tbody></table>").ToString(), Flash.Take(context));
    }

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

    private static string Button(string poisonId, string action, string title, string question) => $"""
        <form class="inline" method="post" action="/admin/poison/{Html.U(poisonId)}/{action}" data-confirm="{Html.E(question)}">{AdminForms.ConfirmField}<button type="submit">{title}</button></form>
        """;
}
