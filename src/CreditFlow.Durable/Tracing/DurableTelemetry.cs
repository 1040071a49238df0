using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CreditFlow.Durable.Tracing;

/// <summary>
/// The engine's spans and metrics, through <see cref="System.Diagnostics"/> only: a host that listens
/// (OpenTelemetry's <c>AddSource(DurableTelemetry.Name)</c> and <c>AddMeter(DurableTelemetry.Name)</c>)
/// gets them; one that does not pays nothing, since nothing is created without a listener.
/// </summary>
/// <remarks>
/// Span names and tags follow the Durable Task SDK's: <c>create_orchestration:{name}</c> and
/// <c>orchestration_event:{name}</c> (producers, on the client), <c>orchestration:{name}</c> (one span per
/// step of an instance) and <c>activity:{name}</c> (one per activity call).
/// </remarks>
public static class DurableTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/> and of its <see cref="Meter"/>.</summary>
    public const string Name = "CreditFlow.Durable";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    // Seconds, from a fast table write to a slow mail or ERP call.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Executions that reached a status at a checkpoint, by orchestrator and status.</summary>
    internal static readonly Counter<long> Orchestrations = Meter.CreateCounter<long>(
        "creditflow.durable.orchestrations", "{execution}", "Orchestration executions that reached a status (Running, Completed, Failed, Terminated, Suspended, ContinuedAsNew), by orchestrator.");

    /// <summary>How long activity calls take, by activity and outcome.</summary>
    internal static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram(
        "creditflow.durable.activity.duration", "s", "Duration of activity calls, by activity and outcome (completed, failed).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>Requests the engine sends to storage, by service.</summary>
    internal static readonly Counter<long> StorageRequests = Meter.CreateCounter<long>(
        "creditflow.durable.storage.requests", "{request}", "Requests the durable engine sent to storage (retries included), by service (table, queue, blob) and task hub.");

    internal const string TypeTag = "durabletask.type";
    internal const string NameTag = "durabletask.task.name";
    internal const string InstanceTag = "durabletask.task.instance_id";
    internal const string ExecutionTag = "durabletask.task.execution_id";
    internal const string TaskIdTag = "durabletask.task.task_id";
    internal const string VersionTag = "durabletask.task.version";
    internal const string StatusTag = "durabletask.runtime_status";
    internal const string EventTag = "durabletask.event.name";
}
