using System.Diagnostics;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tracing;

/// <summary>
/// The span of one step of an instance (<c>orchestration:{name}</c>), and the trace context it hands on
/// to the work it causes: activities, timers, messages to other instances.
/// </summary>
/// <remarks>
/// A step continues the trace of the message that woke it — the client's start or raised event, an
/// activity's result, a child's completion — and links the others of its batch. A fired timer and the
/// next execution after ContinueAsNew only link the step before them: a reminder five days later starts a
/// trace of its own rather than stretching the webhook's trace over five days, and an eternal
/// orchestration is a trace per execution.
/// </remarks>
internal static class StepTracing
{
    private const int MaxLinks = 16;

    /// <summary>Starts the span of a step over <paramref name="messages"/>; null when nobody listens.</summary>
    public static Activity? Start(string instanceId, IEnumerable<TaskMessage> messages)
    {
        if (!DurableTelemetry.Source.HasListeners())
        {
            return null;
        }

        ActivityContext? parent = null;
        var links = new List<ActivityLink>();
        string? name = null;
        foreach (var message in messages)
        {
            name ??= (message.Event as ExecutionStarted)?.Name;
            if (ContextOf(message)?.ToParent() is not { } context)
            {
                continue;
            }

            // A timer, and the start of the next execution after ContinueAsNew (which carries events), link only.
            if (parent is null && message.Event is not TimerFired && message.Carried is null)
            {
                parent = context;
            }
            else if (links.Count < MaxLinks && !links.Exists(l => l.Context == context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        // Never the ambient span of whoever queued the message: a step without a traced message starts a trace.
        Activity.Current = null;
        var span = DurableTelemetry.Source.StartActivity(
            ActivityKind.Server, parent ?? default, [new(DurableTelemetry.TypeTag, "orchestration"), new(DurableTelemetry.InstanceTag, instanceId)], links,
            name: name is null ? "orchestration" : $"orchestration:{name}");
        return span;
    }

    /// <summary>Names the span after the instance once it is loaded, and says where the step left it.</summary>
    public static void Describe(Activity? span, InstanceState state)
    {
        if (span is null || state.Name is null)
        {
            return;
        }

        span.DisplayName = $"orchestration:{state.Name}";
        span.SetTag(DurableTelemetry.NameTag, state.Name);
        span.SetTag(DurableTelemetry.ExecutionTag, state.ExecutionId);
        if (!string.IsNullOrEmpty(state.Version))
        {
            span.SetTag(DurableTelemetry.VersionTag, state.Version);
        }

        span.SetTag(DurableTelemetry.StatusTag, StatusName(state.Status));
        if (state.Status == OrchestrationRuntimeStatus.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error, state.Failure?.ErrorMessage);
        }
    }

    /// <summary>Marks the span failed; always false, so that it serves as an exception filter that lets the exception go on.</summary>
    public static bool Failed(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.Message);
        span?.AddException(exception);
        return false;
    }

    /// <summary>The work of a step, each item carrying the step's trace context (unchanged when there is no span).</summary>
    public static IReadOnlyList<OutboxItem> Stamp(IReadOnlyList<OutboxItem> outbox, Activity? span)
    {
        if (TraceContext.Of(span) is not { } context || outbox.Count == 0)
        {
            return outbox;
        }

        return [.. outbox.Select(item => item switch
        {
            RunActivity run => run with { Trace = run.Trace ?? context },
            SendMessage send => send with { Message = Stamp(send.Message, context) },
            StoreTimer timer => timer with { Message = Stamp(timer.Message, context) },
            _ => item,
        })];
    }

    /// <summary>The trace context a message carries: its own, or its start's or raised event's.</summary>
    public static TraceContext? ContextOf(TaskMessage message) =>
        message.Trace ?? message.Event switch
        {
            ExecutionStarted started => started.Trace,
            EventRaised raised => raised.Trace,
            _ => null,
        };

    /// <summary>The status as the metrics and spans name it (the engine's moment between executions is ContinuedAsNew).</summary>
    public static string StatusName(OrchestrationRuntimeStatus status) =>
        status == RuntimeStatus.BetweenExecutions ? "ContinuedAsNew" : status.ToString();

    private static TaskMessage Stamp(TaskMessage message, TraceContext context) => message.Trace is not null ? message : message with
    {
        Trace = context,
        Event = message.Event switch
        {
            ExecutionStarted { Trace: null } started => started with { Trace = context },
            EventRaised { Trace: null } raised => raised with { Trace = context },
            var other => other,
        },
    };
}
