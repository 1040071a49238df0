using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.Dunning;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Tests.Testing;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Tests.Dunning;

/// <summary>
/// Version 2 of dunning (<see cref="DunningWorkflowV2"/>) on both engines: a booked invoice with nothing due is not looked at
/// until its first step's day, the booking having recorded where it stands; one paid or due before it was booked is looked
/// at at once; and an instance started on version 1 goes on running version 1 beside it.
/// </summary>
public abstract class DunningVersionsContract : IAsyncLifetime
{
    private const string Mailbox = "receivables@acme.example";
    private static readonly Money TenThousand = new(10_000m, new Currency("CNY"));
    private WorkflowTestHost _host = null!;

    private protected abstract WorkflowEngine Engine { get; }

    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync(Engine, new Dictionary<string, string?> { ["Dunning:CreditMailbox"] = Mailbox });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnInvoiceWithNothingDue_SleepsUntilItsFirstStepWithoutALook_WhereItStandsRecordedByTheBooking()
    {
        var today = Today;
        var invoice = await BookAsync("inv-quiet", issued: today);

        var status = await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "Running");
        var confirmationDay = today.AddDays(15); // half the 30-day term
        var stepTime = new DateTimeOffset(confirmationDay.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        Assert.Equal(new DunningProgress("Running", 0, "payment-confirmation", stepTime, false), status);

        var record = (await _host.Get<DunningStore>().GetAsync("cust-1", "inv-quiet"))!;
        Assert.Equal(("Running", "payment-confirmation", confirmationDay, 10_000m, 1), (record.Standing.Status, record.Standing.NextStep, record.Standing.NextDueOn, record.Standing.Open, record.LadderVersion));
        Assert.NotNull(record.Standing.LookedAt);

        var history = await HistoryOnceSleepingAsync(invoice);
        Assert.Equal(DunningWorkflowV2.Version, history.OfType<ExecutionStartedEvent>().Single().Version);
        // The SDK cuts a long timer into lengths of a few days on Microsoft's engine; either way the sleep ends by the step's time.
        Assert.InRange(history.OfType<TimerCreatedEvent>().Single().FireAt, _host.Now.UtcDateTime, stepTime.UtcDateTime);
        Assert.DoesNotContain(history, e => e is TaskScheduledEvent);
        Assert.Empty(_host.Mail.To(Mailbox));
    }

    [Fact]
    public async Task AnInvoicePaidBeforeTheErpBookedIt_IsLookedAtAtOnce_AndEndsWithoutAMail()
    {
        var paid = await _host.Get<LedgerBookings>().PaymentAsync(
            new ErpPayment("pay-early", "cust-1", "inv-early", null, TenThousand, Today), "hash-pay-early", CancellationToken.None);
        Assert.Equal(ErpAnswerOutcome.Answered, paid.Outcome);

        var invoice = await BookAsync("inv-early", issued: Today);
        var done = await _host.CompletionAsync(invoice.InstanceId);

        Assert.Equal("Settled", done.ReadOutputAs<DunningProgress>()!.Status);
        Assert.Equal("Settled", (await _host.Get<DunningStore>().GetAsync("cust-1", "inv-early"))!.Standing.Status);
        Assert.Empty(_host.Mail.To(Mailbox));
    }

    [Fact]
    public async Task AnInvoiceBookedLate_WithItsConfirmationDue_IsLookedAtAtOnce_AndTheConfirmationGoesOut()
    {
        var invoice = await BookAsync("inv-late", issued: Today.AddDays(-20)); // half the term was five days ago

        var mail = Assert.Single(await _host.WaitForMailAsync(Mailbox));
        Assert.StartsWith("Please confirm the payment of invoice inv-late", mail.Subject, StringComparison.Ordinal);
        await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Level == 1);
    }

    [Fact]
    public async Task AnInstanceStartedOnVersion1_GoesOnOnVersion1_LookingFirst()
    {
        var invoice = new DunningInput("cust-1", "inv-v1");
        var today = Today;
        await _host.Get<DunningStore>().AddAsync(DunningRecord.Booked("cust-1", "inv-v1", today, today.AddDays(30), TenThousand));
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(DunningWorkflow), invoice, new StartOrchestrationOptions(invoice.InstanceId) { Version = new TaskVersion(string.Empty) });

        await _host.WaitForStatusAsync<DunningProgress>(invoice.InstanceId, p => p.Status == "Running");
        var history = await HistoryOnceSleepingAsync(invoice);

        Assert.Equal(string.Empty, history.OfType<ExecutionStartedEvent>().Single().Version ?? string.Empty);
        Assert.Equal(nameof(TakeDunningSteps), history.OfType<TaskScheduledEvent>().Single().Name);
        Assert.Equal("payment-confirmation", (await _host.Get<DunningStore>().GetAsync("cust-1", "inv-v1"))!.Standing.NextStep);
    }

    private DateOnly Today => DateOnly.FromDateTime(_host.Now.UtcDateTime);

    private async Task<DunningInput> BookAsync(string invoiceId, DateOnly issued)
    {
        var answer = await _host.Get<LedgerBookings>().InvoiceAsync(
            new ErpInvoice(invoiceId, "cust-1", null, TenThousand, issued, issued.AddDays(30)), "hash-" + invoiceId, CancellationToken.None);
        Assert.Equal(ErpAnswerOutcome.Answered, answer.Outcome);
        return new DunningInput("cust-1", invoiceId);
    }

    /// <summary>The instance's history once it has set its timer: what it did before its first sleep.</summary>
    private async Task<IList<HistoryEvent>> HistoryOnceSleepingAsync(DunningInput invoice)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var history = await _host.Client.GetOrchestrationHistoryAsync(invoice.InstanceId, deadline.Token);
            if (history.OfType<TimerCreatedEvent>().Any())
            {
                return history;
            }

            await Task.Delay(25, deadline.Token);
        }
    }
}

/// <summary>Dunning's versions on CreditFlow's engine.</summary>
public sealed class DunningVersionsTests : DunningVersionsContract
{
    private protected override WorkflowEngine Engine => WorkflowEngine.CreditFlow;
}

/// <summary>Dunning's versions on Microsoft's engine (wall clock: every date is counted from today).</summary>
public sealed class DunningVersionsOnAzureStorageTests : DunningVersionsContract
{
    private protected override WorkflowEngine Engine => WorkflowEngine.AzureStorage;
}
