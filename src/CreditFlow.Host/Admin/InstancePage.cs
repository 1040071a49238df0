using System.Globalization;
using System.Text;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary><c>GET /admin/instances/{id}</c>: status, payloads, failure, timeline, history and the action forms.</summary>
internal static class InstancePage
{
    /// <summary>What the user typed into the raise-event form, shown again when it was refused.</summary>
    public sealed record EventDraft(string Name, string Payload);

    public static void MapInstancePage(this RouteGroupBuilder pages) =>
        pages.MapGet("/instances/{id}", ShowAsync).WithName("AdminInstance").WithSummary("One instance: details, history, timeline, actions.");

    public static Task<IResult> ShowAsync(string id, HttpContext context, DurableTaskClient client, TimeProvider time) =>
        RenderAsync(context, client, time, id, Flash.Take(context), draft: null, StatusCodes.Status200OK);

    public static async Task<IResult> RenderAsync(HttpContext context, DurableTaskClient client, TimeProvider time, string id, Flash? flash, EventDraft? draft, int statusCode)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, context.RequestAborted);
        if (instance is null)
        {
            return AdminFrame.Page("Not found", $"<h1>Instance not found</h1><p>No instance has the id <span class=\"mono\">{Html.E(id)}</span>. <a href=\"/admin\">Back to the list</a></p>", flash, StatusCodes.Status404NotFound);
        }

        var history = (await client.GetOrchestrationHistoryAsync(id, context.RequestAborted)).ToList();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Html.E(instance.Name)} <span class=\"mono\">{Html.E(id)}</span> <span id=\"runtime-status\">{Html.StatusBadge(instance.RuntimeStatus.ToString())}</span></h1>")
            .Append("<table style=\"width:auto\"><tbody>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>Created</th><td>{Html.Time(instance.CreatedAt)}</td></tr><tr><th>Last updated</th><td>{Html.Time(instance.LastUpdatedAt)}</td></tr>");
        if (instance.Tags.TryGetValue(CreditFlowDurableTaskClient.ParentTag, out var parent))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>Parent</th><td>{Html.InstanceLink(parent)}</td></tr>");
        }

        var (inputType, outputType) = PayloadTypes.Of(instance.Name);
        html.Append(CultureInfo.InvariantCulture, $"</tbody></table><p><a href=\"/admin/instances/{Html.U(id)}\">Reload</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<h2>Input</h2><div id=\"input\">{Payload(instance.SerializedInput, inputType)}</div>")
            .Append(CultureInfo.InvariantCulture, $"<h2>Output</h2><div id=\"output\">{Payload(instance.SerializedOutput, outputType)}</div>")
            .Append(CultureInfo.InvariantCulture, $"<h2>Custom status</h2><div id=\"custom-status\">{Payload(instance.SerializedCustomStatus, PayloadTypes.CustomStatus(instance.Name, instance.SerializedCustomStatus))}</div>");
        if (instance.FailureDetails is { } failure)
        {
            html.Append("<h2>Failure</h2><div id=\"failure\">").Append(Failure(failure)).Append("</div>");
        }

        html.Append("<h2>Actions</h2>").Append(Actions(instance, draft))
            .Append("<h2>Timeline</h2>").Append(Timeline.Svg(history, time.GetUtcNow().UtcDateTime, !instance.IsCompleted))
            .Append(CultureInfo.InvariantCulture, $"<h2>History ({history.Count} events)</h2>").Append(HistoryTable.Render(history));
        return AdminFrame.Page($"Instance {id}", html.ToString(), flash, statusCode);
    }

    /// <summary>A stored payload, its enum numbers shown by name where the type it is read into says so; stored as it was.</summary>
    private static string Payload(string? json, Type? type) => EnumNames.Apply(json, type) is { } named
        ? $"{Html.Json(named)}<p class=\"muted enum-note\">Enum values are stored as numbers; shown here by name, as {Html.E(type!.Name)} reads them.</p>"
        : Html.Json(json);

    private static string Failure(TaskFailureDetails failure)
    {
        var html = new StringBuilder();
        for (TaskFailureDetails? f = failure; f is not null; f = f.InnerFailure)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><b class=\"mono\">{Html.E(f.ErrorType)}</b>: {Html.E(f.ErrorMessage)}</p>");
            if (f.StackTrace is { Length: > 0 } stack)
            {
                html.Append(CultureInfo.InvariantCulture, $"<pre>{Html.E(stack)}</pre>");
            }

            if (f.InnerFailure is not null)
            {
                html.Append("<p class=\"muted\">Caused by:</p>");
            }
        }

        return html.ToString();
    }

    private static string Actions(OrchestrationMetadata instance, EventDraft? draft)
    {
        var id = instance.InstanceId;
        var status = instance.RuntimeStatus;
        var forms = new List<string>();
        if (!instance.IsCompleted)
        {
            forms.Add(Form(id, "raise-event", "Raise event", $"Raise this event to {id}?", $"""
                <label>Event name<br><input type="text" name="name" required value="{Html.E(draft?.Name)}" placeholder="Approval"></label><br>
                <label>Payload (JSON, empty for none)<br><textarea name="payload" rows="3" placeholder="&quot;alice&quot;">{Html.E(draft?.Payload)}</textarea></label>
                """));
            forms.Add(Form(id, "terminate", "Terminate", $"Terminate {id}? It cannot be undone.", """
                <label>Reason<br><input type="text" name="reason"></label>
                <label><input type="checkbox" name="recursive" value="true"> also its running sub-orchestrations</label>
                """));
        }

        if (status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)
        {
            forms.Add(Form(id, "suspend", "Suspend", $"Suspend {id}?", "<label>Reason<br><input type=\"text\" name=\"reason\"></label>"));
        }

        if (status is OrchestrationRuntimeStatus.Suspended)
        {
            forms.Add(Form(id, "resume", "Resume", $"Resume {id}?", "<label>Reason<br><input type=\"text\" name=\"reason\"></label>"));
        }

        var sameId = instance.IsCompleted
            ? "<label><input type=\"radio\" name=\"mode\" value=\"same\" checked> same id (replaces this run)</label><br><label><input type=\"radio\" name=\"mode\" value=\"new\"> new id</label>"
            : "<input type=\"hidden\" name=\"mode\" value=\"new\"><span class=\"muted\">Still running: restarts under a new id.</span>";
        forms.Add(Form(id, "restart", "Restart", $"Restart {id} with its original input?", sameId));
        if (instance.IsCompleted)
        {
            forms.Add(Form(id, "purge", "Purge", $"Purge {id}? Its history is deleted for good.", "<span class=\"muted\">Deletes the history, status and payloads.</span>"));
        }

        return $"<div class=\"actions\">{string.Concat(forms)}</div>";
    }

    private static string Form(string id, string action, string title, string question, string fields) => $"""
        <form method="post" action="/admin/instances/{Html.U(id)}/{action}" data-confirm="{Html.E(question)}" id="{action}-form">
          <fieldset><legend>{title}</legend>{fields}{AdminForms.ConfirmField}
          <p><button type="submit">{title}</button></p></fieldset>
        </form>
        """;
}
