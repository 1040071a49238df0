using Azure.Core;
using Azure.Core.Pipeline;

namespace CreditFlow.Durable.Tracing;

/// <summary>Counts a task hub's storage requests into <see cref="DurableTelemetry.StorageRequests"/>, one policy per storage service.</summary>
internal sealed class StorageRequestMetric(string service, string hubName) : HttpPipelineSynchronousPolicy
{
    private readonly KeyValuePair<string, object?>[] _tags = [new("creditflow.storage.service", service), new("creditflow.task_hub", hubName)];

    public override void OnSendingRequest(HttpMessage message)
    {
        if (DurableTelemetry.StorageRequests.Enabled)
        {
            DurableTelemetry.StorageRequests.Add(1, _tags);
        }
    }
}
