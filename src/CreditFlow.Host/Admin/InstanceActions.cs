using System.Text.Json;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary>
/// The POSTs of the instance page. Each validates its fields, asks for confirmation unless the
/// form says <c>confirm=yes</c>, acts, and redirects back with a flash message.
/// </summary>
internal static class InstanceActions
{
    public static void MapInstanceActions(this RouteGroupBuilder pages)
    {
        pages.MapPost("/instances/{id}/raise-event", RaiseEventAsync).WithName("AdminRaiseEvent").WithSummary("Raises an event to the instance.");
        pages.MapPost("/instances/{id}/terminate", TerminateAsync).WithName("AdminTerminate").WithSummary("Terminates the instance.");
        pages.MapPost("/instances/{id}/suspend", SuspendAsync).WithName("AdminSuspend").WithSummary("Suspends the instance.");
        pages.MapPost("/instances/{id}/resume", ResumeAsync).WithName("AdminResume").WithSummary("Resumes the instance.");
        pages.MapPost("/instances/{id}/restart", RestartAsync).WithName("AdminRestart").WithSummary("Restarts the instance with its input.");
        pages.MapPost("/instances/{id}/purge", PurgeAsync).WithName("AdminPurge").WithSummary("Purges the ended instance.");
    }

    public static async Task<IResult> RaiseEventAsync(string id, HttpContext context, DurableTaskClient client, TimeProvider time)
    {
        if (await AdminForms.ReadAsync(context.Request, context.RequestAborted) is not { } form)
        {
            return NotAForm();
        }

        var name = form["name"].ToString().Trim();
        var text = form["payload"].ToString();
        var draft = new EventDraft(name, text);
        if (name.Length == 0)
        {
            return await InstancePageEndpoints.RenderAsync(context, client, time, id, Flash.Error("Give the event a name. Nothing was sent."), draft, StatusCodes.Status400BadRequest);
        }

        JsonElement? payload = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                payload = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                var hint = text.TrimStart() is ['"', ..] or ['{', ..] or ['[', ..] ? "" : " Text must be quoted, e.g. \"alice\".";
                return await InstancePageEndpoints.RenderAsync(context, client, time, id, Flash.Error($"The payload is not valid JSON ({e.Message}).{hint} Nothing was sent."), draft, StatusCodes.Status400BadRequest);
            }
        }

        return await ConfirmThenAsync(context, id, "raise-event", form, $"Raise the event '{name}' with payload {(payload is null ? "(none)" : text.Trim())} to {id}?", async ct =>
        {
            await client.RaiseEventAsync(id, name, payload, ct);
            return (Flash.Ok($"Event '{name}' sent to {id}."), null);
        });
    }

    public static async Task<IResult> TerminateAsync(string id, HttpContext context, DurableTaskClient client) =>
        await AdminForms.ReadAsync(context.Request, context.RequestAborted) is not { } form ? NotAForm()
        : await ConfirmThenAsync(context, id, "terminate", form, $"Terminate {id}? It cannot be undone.", async ct =>
        {
            await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(Reason(form), Recursive: form["recursive"] == "true"), ct);
            return (Flash.Ok($"Terminate request sent to {id}."), null);
        });

    public static async Task<IResult> SuspendAsync(string id, HttpContext context, DurableTaskClient client) =>
        await AdminForms.ReadAsync(context.Request, context.RequestAborted) is not { } form ? NotAForm()
        : await ConfirmThenAsync(context, id, "suspend", form, $"Suspend {id}?", async ct =>
        {
            await client.SuspendInstanceAsync(id, Reason(form), ct);
            return (Flash.Ok($"Suspend request sent to {id}."), null);
        });

    public static async Task<IResult> ResumeAsync(string id, HttpContext context, DurableTaskClient client) =>
        await AdminForms.ReadAsync(context.Request, context.RequestAborted) is not { } form ? NotAForm()
        : await ConfirmThenAsync(context, id, "resume", form, $"Resume {id}?", async ct =>
        {
            await client.ResumeInstanceAsync(id, Reason(form), ct);
            return (Flash.Ok($"Resume request sent to {id}."), null);
        });

    public static async Task<IResult> RestartAsync(string id, HttpContext context, DurableTaskClient client)
    {
        if (await AdminForms.ReadAsync(context.Request, context.RequestAborted) is not { } form)
        {
            return NotAForm();
        }

        var newId = form["mode"] == "new";
        return await ConfirmThenAsync(context, id, "restart", form, $"Restart {id} with its original input, {(newId ? "under a new id" : "replacing this run")}?", async ct =>
        {
            var started = await client.RestartAsync(id, newId, ct);
            return (Flash.Ok(newId ? $"Restarted {id} as {started}." : $"Restarted {id}."), InstancePath(started));
        });
    }

    public static async Task<IResult> PurgeAsync(string id, HttpContext context, DurableTaskClient client) =>
        await AdminForms.ReadAsync(context.Request, context.RequestAborted) is not { } form ? NotAForm()
        : await ConfirmThenAsync(context, id, "purge", form, $"Purge {id}? Its history is deleted for good.", async ct =>
        {
            // The monitor purges what has ended, as the SDK does; the HTTP API alone deletes a running instance.
            var instance = await client.GetInstanceAsync(id, ct);
            if (instance is { IsCompleted: false })
            {
                return (Flash.Error($"Cannot purge instance {id}: it is {instance.RuntimeStatus}. Terminate it first."), null);
            }

            var result = await client.PurgeInstanceAsync(id, ct);
            return result.PurgedInstanceCount == 0
                ? (Flash.Error($"No instance {id} to purge."), "/admin")
                : (Flash.Ok($"Purged {id}."), "/admin");
        });

    private static async Task<IResult> ConfirmThenAsync(HttpContext context, string id, string action, IFormCollection form, string question, Func<CancellationToken, Task<(Flash Flash, string? Location)>> act)
    {
        var back = InstancePath(id);
        if (!AdminForms.IsConfirmed(form))
        {
            return AdminForms.ConfirmPage(question, $"{back}/{action}", form, back);
        }

        try
        {
            var (flash, location) = await act(context.RequestAborted);
            return Flash.RedirectWith(context, location ?? back, flash);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            return Flash.RedirectWith(context, back, Flash.Error(e.Message));
        }
    }

    private static string InstancePath(string id) => $"/admin/instances/{Html.U(id)}";

    private static string? Reason(IFormCollection form) => form["reason"].ToString() is { Length: > 0 } reason ? reason : null;

    private static IResult NotAForm() => AdminForms.NotAForm();
}
