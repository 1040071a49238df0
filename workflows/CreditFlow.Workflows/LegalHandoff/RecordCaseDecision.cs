using Microsoft.DurableTask;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>Books the approver's answer to a settlement or write-off (<see cref="CaseSteps.DecideAsync"/>).</summary>
public sealed class RecordCaseDecision(CaseSteps steps) : TaskActivity<CaseDecision, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, CaseDecision input)
    {
        await steps.DecideAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
        return true;
    }
}
