using System.Text.Json;
using DurableTask.Core.History;

namespace CreditFlow.Host.Admin;

/// <summary>
/// The sub-orchestrations an instance called, by the event id of their creation, and which of them the
/// instance ended itself on purpose: a child terminated after the parent ran an activity given the
/// child's id (OrderHoldWorkflow's CloseApproval of its open ApprovalWorkflow, for one). Such an end is
/// the parent's decision, not a failure; a child terminated by anyone else still fails the call.
/// </summary>
/// <remarks>
/// The activity's input must be the child's id itself: a larger input that merely mentions it (a hold's
/// whole input carries its approval's id) says nothing about who ended the child. A child whose end never
/// reached the parent's history (the parent finished first) counts as ended by the parent too.
/// </remarks>
internal sealed class ChildCalls
{
    private readonly Dictionary<int, string> _instanceIds = [];
    private readonly Dictionary<int, TaskScheduledEvent> _closers = [];
    private readonly Dictionary<int, DateTime> _closedAt = [];
    private readonly HashSet<int> _terminated = [];
    private readonly HashSet<int> _reported = [];

    private ChildCalls()
    {
    }

    public static ChildCalls Of(IReadOnlyList<HistoryEvent> history)
    {
        var calls = new ChildCalls();
        foreach (var e in history)
        {
            switch (e)
            {
                case SubOrchestrationInstanceCreatedEvent created:
                    calls._instanceIds[created.EventId] = created.InstanceId;
                    break;
                case TaskScheduledEvent scheduled when IdIn(scheduled.Input) is { } id:
                    foreach (var taskId in calls._instanceIds.Where(c => c.Value == id && !calls._reported.Contains(c.Key)).Select(c => c.Key).ToList())
                    {
                        calls._closers[taskId] = scheduled;
                    }

                    break;
                case TaskCompletedEvent completed:
                    foreach (var taskId in calls._closers.Where(c => c.Value.EventId == completed.TaskScheduledId).Select(c => c.Key).ToList())
                    {
                        calls._closedAt[taskId] = completed.Timestamp;
                    }

                    break;
                case SubOrchestrationInstanceCompletedEvent completed:
                    calls._reported.Add(completed.TaskScheduledId);
                    break;
                case SubOrchestrationInstanceFailedEvent failed:
                    calls._reported.Add(failed.TaskScheduledId);
                    if (IsTermination(failed))
                    {
                        calls._terminated.Add(failed.TaskScheduledId);
                    }

                    break;
                default:
                    break;
            }
        }

        return calls;
    }

    /// <summary>The child instance id of a sub-orchestration call, by the event id of its creation.</summary>
    public string? InstanceId(int taskScheduledId) => _instanceIds.GetValueOrDefault(taskScheduledId);

    /// <summary>The parent's activity that ended the child (e.g. "#7 CloseApproval"), or null when the child was not ended by its parent.</summary>
    public string? EndedByParent(int taskScheduledId) =>
        _closers.TryGetValue(taskScheduledId, out var closer) && (_terminated.Contains(taskScheduledId) || !_reported.Contains(taskScheduledId))
            ? $"#{closer.EventId} {closer.Name}"
            : null;

    /// <summary>When the parent's activity that ended the child completed, for a child whose own end the parent never recorded.</summary>
    public DateTime? ClosedAt(int taskScheduledId) => EndedByParent(taskScheduledId) is null ? null : _closedAt.TryGetValue(taskScheduledId, out var at) ? at : null;

    // CreditFlow's engine reports a terminated child as ErrorType "Terminated"; keep to what says so.
    private static bool IsTermination(SubOrchestrationInstanceFailedEvent failed) =>
        failed.FailureDetails?.ErrorType?.Contains("Terminat", StringComparison.OrdinalIgnoreCase) == true
        || failed.Reason?.Contains("terminated", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The string an activity input is, when it is a JSON string.</summary>
    private static string? IdIn(string? input)
    {
        if (input is not { Length: > 2 } || input[0] != '"')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(input);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
