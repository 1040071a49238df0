using Microsoft.DurableTask;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>Looks at the case and carries out what it asks now (<see cref="CaseSteps.LookAsync"/>).</summary>
public sealed class TakeCaseSteps(CaseSteps steps) : TaskActivity<CaseLook, CaseStanding>
{
    /// <inheritdoc />
    public override Task<CaseStanding> RunAsync(TaskActivityContext context, CaseLook input) =>
        steps.LookAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
