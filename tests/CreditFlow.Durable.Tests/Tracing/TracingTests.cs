using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using CreditFlow.Durable.Client;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Tests.Runtime;
using CreditFlow.Durable.Tracing;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Tracing;

/// <summary>The W3C trace context in the engine's messages: one trace from the client through every step and activity.</summary>
public sealed class TracingTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<string, string>("TracedGreeting", async (context, name) =>
        {
            var greeting = await context.CallActivityAsync<string>("TracedHello", name);
            var reply = await context.WaitForExternalEvent<string>("Reply");
            return await context.CallActivityAsync<string>("TracedHello", $"{greeting} / {reply}");
        })
        .AddActivityFunc<string, string>("TracedHello", (_, name) => $"Hello {name}");

    [Fact]
    public async Task StartAndRaise_FromAClientInAnotherProcess_EachContinuesItsTraceThroughStepsAndActivities()
    {
        using var spans = new SpanRecorder();
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);

        // A client on its own hub object has no local worker: its messages cross the queue, as from another process.
        await using var remote = new CreditFlowDurableTaskClient("remote", new TaskHub(host.ConnectionString, host.Hub.Options));
        ActivityTraceId startTrace, raiseTrace;
        string id;
        using (var webhook = SpanRecorder.Test.StartActivity("POST /api/erp/orders", ActivityKind.Server))
        {
            startTrace = webhook!.TraceId;
            id = await remote.ScheduleNewOrchestrationInstanceAsync("TracedGreeting", "Tokyo");
        }

        var started = await spans.UntilAsync(startTrace, s => s.Any(a => a.DisplayName == "activity:TracedHello") && s.Count(a => a.DisplayName == "orchestration:TracedGreeting") >= 2);
        using (var approval = SpanRecorder.Test.StartActivity("POST /approvals/{token}", ActivityKind.Server))
        {
            raiseTrace = approval!.TraceId;
            await remote.RaiseEventAsync(id, "Reply", "approved");
        }

        Assert.Equal("Hello Hello Tokyo / approved", (await host.CompleteAsync(id)).ReadOutputAs<string>());
        var released = await spans.UntilAsync(raiseTrace, s => s.Any(a => a.DisplayName == "activity:TracedHello") && s.Any(a => a.DisplayName == "orchestration:TracedGreeting" && Equals(a.GetTagItem(DurableTelemetry.StatusTag), "Completed")));

        // webhook → create_orchestration → orchestration step → activity → the step its result wakes
        var create = Assert.Single(started, a => a.DisplayName == "create_orchestration:TracedGreeting");
        Assert.Equal(ActivityKind.Producer, create.Kind);
        var firstStep = Assert.Single(started, a => a.DisplayName == "orchestration:TracedGreeting" && a.ParentSpanId == create.SpanId);
        Assert.Equal(id, firstStep.GetTagItem(DurableTelemetry.InstanceTag));
        var hello = Assert.Single(started, a => a.DisplayName == "activity:TracedHello");
        Assert.Equal(firstStep.SpanId, hello.ParentSpanId);
        Assert.Single(started, a => a.DisplayName == "orchestration:TracedGreeting" && a.ParentSpanId == hello.SpanId);

        // approval POST → orchestration_event → step → activity → last step, Completed
        var raise = Assert.Single(released, a => a.DisplayName == "orchestration_event:Reply");
        var woken = Assert.Single(released, a => a.DisplayName == "orchestration:TracedGreeting" && a.ParentSpanId == raise.SpanId);
        var second = Assert.Single(released, a => a.DisplayName == "activity:TracedHello");
        Assert.Equal(woken.SpanId, second.ParentSpanId);
        Assert.Contains(released, a => a.ParentSpanId == second.SpanId && Equals(a.GetTagItem(DurableTelemetry.StatusTag), "Completed"));

        // The start's context is kept in history, as the Durable Task Framework's ParentTraceContext.
        var history = await host.HistoryAsync(id);
        Assert.Equal(TraceContext.Of(create)!.TraceParent, history.OfType<ExecutionStarted>().Single().Trace!.TraceParent);
    }

    [Fact]
    public void Messages_WithAndWithoutTraceContext_ReadBack()
    {
        var traced = new TaskMessage("i", "e", new EventRaised("Reply", "\"x\"", new TraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")), "m",
            Trace: new TraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=1"));
        var json = JsonSerializer.Serialize(traced, PayloadConverter.Options);
        var back = JsonSerializer.Deserialize<TaskMessage>(json, PayloadConverter.Options)!;
        Assert.Equal(traced.Trace, back.Trace);
        Assert.Equal(traced.Trace!.TraceParent, ((EventRaised)back.Event).Trace!.TraceParent);

        // Written before trace contexts existed (and while tracing is off): no field at all, and it still reads.
        var untraced = JsonSerializer.Serialize(new TaskMessage("i", "e", new EventRaised("Reply", null), "m"), PayloadConverter.Options);
        Assert.DoesNotContain("trace", untraced, StringComparison.OrdinalIgnoreCase);
        const string storedHistory = """[{"$type":"ExecutionStarted","name":"TracedGreeting","executionId":"e1","input":"\"Tokyo\"","parent":null,"scheduledStartTime":null,"version":"","eventId":-1,"timestamp":"2026-01-05T09:00:00Z","messageId":"e1:start"},{"$type":"EventRaised","name":"Reply","input":null,"eventId":-1,"timestamp":"2026-01-05T09:00:01Z","messageId":"m1"}]""";
        var events = JsonSerializer.Deserialize<List<HistoryEvent>>(storedHistory, PayloadConverter.Options)!;
        Assert.Null(((ExecutionStarted)events[0]).Trace);
        Assert.Null(((EventRaised)events[1]).Trace);
    }

    [Fact]
    public async Task Metrics_CountStatusesActivitiesAndStorageRequests()
    {
        var measured = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DurableTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        listener.Start();
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TracedGreeting", "Seattle");
        await host.WaitForHistoryAsync(id, h => h.OfType<TaskCompleted>().Any());
        await host.Client.RaiseEventAsync(id, "Reply", "ok");
        await host.CompleteAsync(id);

        lock (measured)
        {
            var statuses = measured.Where(m => m.Instrument == "creditflow.durable.orchestrations" && Equals(m.Tags["durabletask.task.name"], "TracedGreeting"))
                .Select(m => m.Tags[DurableTelemetry.StatusTag]).ToList();
            Assert.Contains("Running", statuses);
            Assert.Contains("Completed", statuses);
            Assert.Equal(2, measured.Count(m => m.Instrument == "creditflow.durable.activity.duration" && Equals(m.Tags[DurableTelemetry.NameTag], "TracedHello") && Equals(m.Tags["outcome"], "completed")));
            var hub = host.Hub.Options.HubName;
            Assert.Contains(measured, m => m.Instrument == "creditflow.durable.storage.requests" && Equals(m.Tags["creditflow.task_hub"], hub) && Equals(m.Tags["creditflow.storage.service"], "table"));
            Assert.Contains(measured, m => m.Instrument == "creditflow.durable.storage.requests" && Equals(m.Tags["creditflow.task_hub"], hub) && Equals(m.Tags["creditflow.storage.service"], "queue"));
        }

        void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measured)
            {
                measured.Add((instrument, value, copy));
            }
        }
    }
}
