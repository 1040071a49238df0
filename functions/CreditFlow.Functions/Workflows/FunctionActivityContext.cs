using Microsoft.DurableTask;

namespace CreditFlow.Functions.Workflows;

/// <summary>The SDK's activity context for an activity function: its name and its orchestration's instance.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;
}
