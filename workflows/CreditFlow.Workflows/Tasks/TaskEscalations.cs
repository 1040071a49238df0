using System.Globalization;
using System.Net;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Tasks;

/// <summary>
/// Reports tasks for people left open past their deadline, once each: a mail to the role the owner's lateness goes to
/// (<see cref="TaskEscalation.EscalatesTo"/>), then the task is marked escalated. The mail is keyed by the task, so a
/// crash between the two sends it once.
/// </summary>
public sealed class TaskEscalations(CreditTaskStore tasks, IWorkflowMail mail, ApproverDirectory people)
{
    /// <summary>Escalates every open task overdue at <paramref name="now"/> and not escalated yet; returns how many.</summary>
    public async Task<int> EscalateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var escalated = 0;
        foreach (var task in await tasks.ListAsync(cancellationToken: cancellationToken))
        {
            // A warning's tasks are reminded and escalated by the warning's own workflow.
            if (!task.IsOverdueAt(now) || task.EscalatedAt is not null || task.Id.StartsWith("warning|", StringComparison.Ordinal))
            {
                continue;
            }

            var to = TaskEscalation.EscalatesTo(task.OwnerRole);
            await mail.SendAsync(MailFor(task, to, now), $"task-escalation|{task.Id}", cancellationToken);
            try
            {
                await tasks.MarkEscalatedAsync(task, now, cancellationToken);
                escalated++;
            }
            catch (ConcurrencyConflictException)
            {
                // Completed (or escalated by another process) meanwhile.
            }
        }

        return escalated;
    }

    private WorkflowMail MailFor(CreditTask task, CreditRole to, DateTimeOffset now)
    {
        var late = now - task.DueAt;
        var lateText = late.TotalDays >= 1 ? $"{(int)late.TotalDays} day(s)" : $"{(int)Math.Max(1, late.TotalHours)} hour(s)";
        var due = task.DueAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"A task for the {task.OwnerRole} is {lateText} overdue (due {due}):\n\n  {task.Title}\n\n"
            + $"Customer {task.CustomerId}{(task.InvoiceId is null ? string.Empty : $", invoice {task.InvoiceId}")}. Task {task.Id}.\n"
            + "It is listed on the credit workspace's task list (/credit/tasks), where its outcome is recorded once done.";
        var html = $"<p>A task for the {task.OwnerRole} is <b>{lateText} overdue</b> (due {WebUtility.HtmlEncode(due)}):</p><blockquote>{WebUtility.HtmlEncode(task.Title)}</blockquote>"
            + $"<p>Customer {WebUtility.HtmlEncode(task.CustomerId)}{(task.InvoiceId is null ? string.Empty : $", invoice {WebUtility.HtmlEncode(task.InvoiceId)}")}. Task <span style=\"font-family:monospace\">{WebUtility.HtmlEncode(task.Id)}</span>.</p>"
            + "<p>It is listed on the credit workspace's task list (/credit/tasks), where its outcome is recorded once done.</p>";
        return new WorkflowMail(people.AddressOf(to), $"Overdue task ({task.OwnerRole}): {task.Title}", html, text, []);
    }
}
