using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Starts the workflow of each held order or shipment off the webhook's path, so the ERP's answer
/// does not wait for the workflow to be created, and paced, so a burst of holds does not crowd out
/// the order checks that share the storage account.
/// </summary>
/// <remarks>
/// The order of writes is what makes it safe: the webhook adds the hold to the worklist as not
/// started (<see cref="RecordAsync"/>), then commits the hold to the customer's ledger, then queues
/// it here (<see cref="Start"/>). Whatever a crash interrupts, the worklist row is there first; the
/// sweep takes rows that stayed unstarted past <see cref="HoldStartOptions.HoldSweepGrace"/>, asks the
/// ledger whether the hold was committed, and starts it or removes the row. A hold is never started
/// twice: the start refuses any existing instance, running or ended.
/// </remarks>
public sealed partial class HoldStarter(
    HoldRepository holds,
    CustomerLedgerStore ledgers,
    CustomerRepository customers,
    DurableTaskClient client,
    TimeProvider clock,
    IOptions<HoldStartOptions> options,
    ILogger<HoldStarter> logger) : BackgroundService
{
    // Each queued hold keeps the trace context of the request that held it, so its start continues that trace.
    private readonly Channel<(HoldInput Hold, bool Committed, ActivityContext Trace)> _queue =
        Channel.CreateUnbounded<(HoldInput, bool, ActivityContext)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    // Holds queued here for their paced start, by id: the sweep leaves them to the queue, so a long burst is not started all at once.
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    /// <summary>Puts the hold on the worklist as not started; to be called before the ledger commits it.</summary>
    public Task RecordAsync(HoldInput hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return holds.AddUnstartedAsync(Row(hold), cancellationToken);
    }

    /// <summary>Queues the start of a hold the ledger has committed; returns at once.</summary>
    public void Start(HoldInput hold)
    {
        ArgumentNullException.ThrowIfNull(hold);

        // Unbounded: only fails once the host stops, and then the sweep of the next start takes it.
        _queued[hold.HoldId] = 0;
        if (!_queue.Writer.TryWrite((hold, true, Activity.Current?.Context ?? default)))
        {
            _queued.TryRemove(hold.HoldId, out _);
        }
    }

    /// <summary>
    /// Queues the removal of a hold that was recorded but not committed (the request lost a race and
    /// then decided otherwise), so the worklist does not show it until the sweep; returns at once.
    /// </summary>
    public void Withdraw(HoldInput hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        _queue.Writer.TryWrite((hold, false, default));
    }

    /// <summary>
    /// Settles every hold left unstarted for longer than the grace: started when the ledger holds the
    /// document with this hold, removed from the worklist when it does not. Returns how many it started.
    /// Holds still queued in this process for their paced start are left to the queue.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var unstarted in await holds.ListUnstartedAsync(clock.GetUtcNow() - options.Value.HoldSweepGrace, cancellationToken))
        {
            if (_queued.ContainsKey(unstarted.Hold.HoldId))
            {
                continue;
            }

            if (await SettleAsync(unstarted, cancellationToken))
            {
                started++;
                LogRecovered(logger, unstarted.Hold.HoldId);
            }
        }

        return started;
    }

    /// <summary>Starts an unstarted hold the ledger committed, removes one it did not; true when it started a workflow.</summary>
    private async Task<bool> SettleAsync(UnstartedHold unstarted, CancellationToken cancellationToken)
    {
        var row = unstarted.Hold;
        var ledger = await ledgers.ReadAsync(row.CustomerId, [(row.Kind, row.DocumentId)], cancellationToken);
        var committed = ledger.Find<ErpRecord>(row.Kind, row.DocumentId)?.DetailJson is { } json
            ? JsonSerializer.Deserialize<HoldInput>(json, ErpJson.Options)
            : null;
        if (committed is null || committed.HoldId != row.HoldId)
        {
            // The request lost its race and the document passed, or died before committing.
            await holds.DeleteUnstartedAsync(unstarted, cancellationToken);
            LogNeverCommitted(logger, row.HoldId);
            return false;
        }

        if (row.Status == HoldStatus.Open)
        {
            return await StartAsync(committed, cancellationToken);
        }

        await holds.MarkStartedAsync(Row(committed), cancellationToken);
        return false;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DrainAsync(stoppingToken), SweepPeriodicallyAsync(stoppingToken));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        // Paced in real time, not by the business clock: the pace protects storage, whatever the date.
        var pace = TimeSpan.FromSeconds(1.0 / options.Value.HoldStartsPerSecond);
        var next = TimeProvider.System.GetTimestamp();
        try
        {
            await foreach (var (hold, committed, trace) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!committed)
                {
                    await WithdrawAsync(hold, stoppingToken);
                    continue;
                }

                var wait = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken);
                }

                next = TimeProvider.System.GetTimestamp() + (long)(pace.TotalSeconds * TimeProvider.System.TimestampFrequency);
                try
                {
                    using var span = CreditFlowTelemetry.Source.StartActivity("hold_start", ActivityKind.Internal, trace);
                    span?.SetTag("creditflow.hold_id", hold.HoldId);
                    await StartAsync(hold, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Its worklist row stays unstarted; the sweep starts it.
                    LogSettleFailed(logger, e, hold.HoldId);
                }
                finally
                {
                    _queued.TryRemove(hold.HoldId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is on the worklist as unstarted, for the next sweep.
        }
    }

    private async Task WithdrawAsync(HoldInput hold, CancellationToken stoppingToken)
    {
        try
        {
            // Settled like a swept row: a concurrent retry of the same document may have committed it after all.
            if (await holds.GetUnstartedAsync(hold.HoldId, stoppingToken) is { } unstarted)
            {
                await SettleAsync(unstarted, stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The sweep removes it later.
            LogSettleFailed(logger, e, hold.HoldId);
        }
    }

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HoldSweepInterval, clock);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Storage away: the next round tries again.
                    LogSweepFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts the hold's workflow and marks its row started; false when an instance already existed.</summary>
    private async Task<bool> StartAsync(HoldInput hold, CancellationToken cancellationToken)
    {
        hold = await NamedAsync(hold, cancellationToken);
        bool created;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(OrderHoldWorkflow), hold, new StartOrchestrationOptions(hold.HoldId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()), cancellationToken);
            created = true;
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Started by a raced request or a sweep; a hold that ended is never run again.
            created = false;
        }

        await holds.MarkStartedAsync(Row(hold), cancellationToken);
        return created;
    }

    private static HoldRecord Row(HoldInput hold) => new(
        hold.HoldId, hold.CustomerId, hold.Kind, hold.DocumentId, hold.OrderId, hold.Amount, hold.AmountAtStake, hold.ApproverRole, hold.Reasons, HoldStatus.Open, hold.HeldAt)
    {
        CustomerName = hold.CustomerName,
        Facts = hold.Facts,
        AuthorizedRoles = hold.AuthorizedRoles,
    };

    /// <summary>The hold with its customer's name, so the approver's mail and the worklist name the customer; unchanged when unknown.</summary>
    private async Task<HoldInput> NamedAsync(HoldInput hold, CancellationToken cancellationToken)
    {
        if (hold.CustomerName is not null)
        {
            return hold;
        }

        var customer = await customers.GetAsync(hold.CustomerId, cancellationToken);
        return customer is null ? hold : hold with { CustomerName = customer.Value.Name };
    }

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "Hold {HoldId} could not be started or withdrawn now; the sweep will settle it")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string holdId);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "Sweep for unstarted holds failed; trying again next round")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Information, Message = "Hold {HoldId} left unstarted by an interrupted request was started by the sweep")]
    private static partial void LogRecovered(ILogger logger, string holdId);

    [LoggerMessage(EventId = 7114, Level = LogLevel.Information, Message = "Hold {HoldId} was never committed to the ledger; removed from the worklist")]
    private static partial void LogNeverCommitted(ILogger logger, string holdId);
}
