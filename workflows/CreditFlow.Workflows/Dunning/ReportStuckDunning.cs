using System.Globalization;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Tasks;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Dunning;

/// <summary>A look at an invoice that still failed after its retries, and why.</summary>
/// <param name="Invoice">Whose dunning is stuck.</param>
/// <param name="Error">What the last attempt failed with.</param>
/// <param name="At">When the workflow gave up on this look.</param>
/// <param name="LookAgainAt">When dunning looks again by itself.</param>
public sealed record StuckDunning(DunningInput Invoice, string Error, DateTimeOffset At, DateTimeOffset LookAgainAt);

/// <summary>
/// Activity: tells a person that an invoice's dunning is stuck — a task for the credit officer, one a day per invoice —
/// instead of letting the workflow fail and the invoice silently drop out of dunning.
/// </summary>
public sealed class ReportStuckDunning(CreditTaskStore tasks) : TaskActivity<StuckDunning, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, StuckDunning input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (customerId, invoiceId) = (input.Invoice.CustomerId, input.Invoice.InvoiceId);
        var error = input.Error.Length > 300 ? input.Error[..300] + "…" : input.Error;
        var task = await tasks.AddOnceAsync(new CreditTask(
            $"{input.Invoice.InstanceId}|stuck-{input.At.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
            $"Dunning of invoice {invoiceId} is stuck: its look failed for an hour ({error}). Find the cause (the admin monitor "
                + $"shows the instance {input.Invoice.InstanceId}); dunning looks again on {input.LookAgainAt:yyyy-MM-dd HH:mm} UTC, or at once when the invoice changes",
            CreditRole.CreditOfficer,
            customerId,
            invoiceId,
            input.At,
            input.LookAgainAt));
        return task.Id;
    }
}
