using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Activity: ends the approval of a hold decided another way (a cure, the worklist, a cancellation),
/// so its mailed link no longer leads to an open question.
/// </summary>
public sealed class CloseApproval(DurableTaskClient client) : TaskActivity<string, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        try
        {
            await client.TerminateInstanceAsync(input, "the hold was decided another way", CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
