using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.Storage;

namespace CreditFlow.Durable.Worker;

/// <summary>The per-partition loops: control-queue polling, due timers, and keeping held messages invisible.</summary>
public sealed partial class CreditFlowDurableTaskWorker
{
    private static readonly TimeSpan MinPollDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Takes messages from other processes (and those whose holder died); backs off while idle.</summary>
    private async Task PollLoopAsync(PartitionState partition, CancellationToken token)
    {
        var queue = Hub.ControlQueues[partition.Index];
        var delay = MinPollDelay;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (_frozen)
                {
                    await Task.Delay(delay, token);
                    continue;
                }

                var received = (await queue.ReceiveMessagesAsync(32, Hub.Options.ControlQueueVisibilityTimeout, token)).Value;
                foreach (var message in received)
                {
                    await AcceptAsync(partition, message);
                }

                if (received.Length > 0)
                {
                    delay = MinPollDelay;
                    continue;
                }

                // Real time, not the injected clock: polling is transport, not business time.
                await partition.PollSignal.WaitAsync(delay, token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Hub.Options.MaxQueuePollingInterval.Ticks));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RequestFailedException or JsonException or HttpRequestException)
            {
                Log.LoopFailed(Logger, e, "poll", partition.Index);
                await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task AcceptAsync(PartitionState partition, QueueMessage received)
    {
        if (partition.Held.TryGetValue(received.MessageId, out var held))
        {
            // Ours already, and it became visible again while we worked on it: keep the newest receipt.
            lock (held.Gate)
            {
                held.PopReceipt = received.PopReceipt;
                held.InvisibleSince = DateTime.UtcNow;
            }

            return;
        }

        if (received.DequeueCount > Hub.Options.MaxDequeueCount)
        {
            var lastError = _lastErrors.TryRemove(received.MessageId, out var error) ? $" Last error: {error}" : string.Empty;
            await PoisonAsync(partition.Index, received, $"Failed {received.DequeueCount - 1} times.{lastError}");
            return;
        }

        TaskMessage message;
        try
        {
            var json = await Payloads.FromQueueBodyAsync(received.Body.ToString(), Stopping);
            message = JsonSerializer.Deserialize<TaskMessage>(json, PayloadConverter.Options) ?? throw new JsonException("Empty message.");
        }
        catch (JsonException e)
        {
            await PoisonAsync(partition.Index, received, $"Not a valid message: {e.Message}");
            return;
        }

        var anchor = new QueueAnchor(partition.Index, received.MessageId)
        {
            PopReceipt = received.PopReceipt, InvisibleSince = DateTime.UtcNow, BodyBlob = PayloadStore.BlobOf(received.Body.ToString()),
        };
        partition.Held[received.MessageId] = anchor;
        Deliver(message, anchor);
    }

    private async Task PoisonAsync(int partition, QueueMessage received, string reason)
    {
        await ParkAsync(received.MessageId, partition, received.Body.ToString(), reason, received.DequeueCount);
        await Hub.ControlQueues[partition].DeleteMessageAsync(received.MessageId, received.PopReceipt, Stopping);
        Log.Poisoned(Logger, received.MessageId, received.DequeueCount);
    }

    /// <summary>
    /// Puts a message in the poison queue. Its body and reason are bounded so the park itself cannot
    /// fail on the queue's 64 KB limit: a large body goes to a blob the poison message refers to.
    /// </summary>
    private async Task ParkAsync(string id, int partition, string body, string reason, long attempts)
    {
        if (body.Length > MaxInlinePoisonBodyChars && PayloadStore.BlobOf(body) is null)
        {
            body = await Payloads.ToQueueBodyAsync(body, $"poison/{Uri.EscapeDataString(id)}.json", Stopping, force: true);
        }

        var poison = new PoisonMessage(id, partition, body, History.FailureDetails.Bound(reason, MaxPoisonReasonChars), attempts, Time.GetUtcNow().UtcDateTime);
        await Hub.PoisonQueue.SendMessageAsync(JsonSerializer.Serialize(poison, PayloadConverter.Options), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: Stopping);
    }

    private const int MaxInlinePoisonBodyChars = 20_000;
    private const int MaxPoisonReasonChars = 2_000;

    /// <summary>Timers fetched per query of a partition.</summary>
    private const int TimerBatch = 100;

    /// <summary>
    /// A step woken by this timer failed: the row counts the attempt and waits a growing back-off
    /// (business time) before the next; after <c>maxDequeueCount</c> attempts its message is parked
    /// in the poison queue, as a failing queue message would be.
    /// </summary>
    private async Task TimerFailedAsync(TimerAnchor timer, string error)
    {
        var attempts = timer.Attempts + 1;
        if (attempts >= Hub.Options.MaxDequeueCount)
        {
            await ParkAsync(timer.RowKey, timer.Partition, JsonSerializer.Serialize(timer.Message, PayloadConverter.Options), $"Failed {attempts} times. Last error: {error}", attempts);
            await Timers.DeleteAsync(timer.Partition, timer.RowKey, Stopping);
            Log.Poisoned(Logger, timer.RowKey, attempts);
            return;
        }

        var backOff = TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, attempts - 1), 300));
        await Timers.RecordFailureAsync(timer.Partition, timer.RowKey, attempts, Time.GetUtcNow().UtcDateTime + backOff, error, Stopping);
    }

    /// <summary>Delivers due timers of the partition, then waits (on the injected clock) for the next one.</summary>
    private async Task TimerLoopAsync(PartitionState partition, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                partition.TimersQueriedAgainAt = DateTime.MaxValue; // until the loop knows its next query, every timer stored wakes it
                var now = Time.GetUtcNow().UtcDateTime;
                var timers = await Timers.EarliestAsync(partition.Index, TimerBatch, token);
                DateTime? next = null;
                foreach (var timer in timers)
                {
                    if (timer.DueAt > now)
                    {
                        next = next is { } earlier && earlier < timer.DueAt ? earlier : timer.DueAt;
                        break;
                    }

                    if (timer.RetryAt is { } retryAt && retryAt > now)
                    {
                        next = next is { } earlier && earlier < retryAt ? earlier : retryAt; // backing off after a failure
                        continue;
                    }

                    if (partition.TimersInFlight.TryAdd(timer.RowKey, 0))
                    {
                        Deliver(timer.Message, new TimerAnchor(partition.Index, timer.RowKey, timer.Message, timer.Attempts, timer.MessageBlob));
                    }
                }

                // A full page of due timers (in due order, so its last is due) may hide more behind it: the next query comes
                // when half the page is done.
                partition.MoreTimersDue = timers.Count == TimerBatch && timers[^1].DueAt <= now;

                // Measure from the clock as it is now: it may have moved while the query ran.
                var wait = next is { } due ? due - Time.GetUtcNow().UtcDateTime : Hub.Options.MaxQueuePollingInterval;
                if (wait <= TimeSpan.Zero)
                {
                    continue;
                }

                var delay = wait < Hub.Options.MaxQueuePollingInterval ? wait : Hub.Options.MaxQueuePollingInterval;
                partition.TimersQueriedAgainAt = Time.GetUtcNow().UtcDateTime + delay;
                using var woken = CancellationTokenSource.CreateLinkedTokenSource(token);
                var signal = partition.TimerSignal.WaitAsync(woken.Token);
                var elapsed = Task.Delay(delay, Time, woken.Token);
                if (next is { } target && Time.GetUtcNow().UtcDateTime >= target)
                {
                    await woken.CancelAsync(); // the clock passed the target before the delay was armed
                }

                await Task.WhenAny(signal, elapsed);
                await woken.CancelAsync();
                await Task.WhenAll(signal, elapsed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (signal.IsCompletedSuccessfully)
                {
                    // Drain further signals: one query serves them all.
                    while (partition.TimerSignal.CurrentCount > 0)
                    {
                        partition.TimerSignal.Wait(0);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RequestFailedException or JsonException or HttpRequestException)
            {
                Log.LoopFailed(Logger, e, "timers", partition.Index);
                await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Keeps messages this worker holds invisible while their work goes on.</summary>
    private async Task RenewLoopAsync(PartitionState partition, CancellationToken token)
    {
        var timeout = Hub.Options.ControlQueueVisibilityTimeout;
        var period = timeout / 3;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, token);
                foreach (var held in partition.Held.Values.Where(h => !_frozen && DateTime.UtcNow - h.InvisibleSince > period).ToList())
                {
                    try
                    {
                        string popReceipt;
                        lock (held.Gate)
                        {
                            if (held.Acknowledged)
                            {
                                continue;
                            }

                            popReceipt = held.PopReceipt;
                        }

                        var renewed = await Hub.ControlQueues[partition.Index].UpdateMessageAsync(held.QueueMessageId, popReceipt, visibilityTimeout: timeout, cancellationToken: token);
                        lock (held.Gate)
                        {
                            if (held.PopReceipt == popReceipt)
                            {
                                held.PopReceipt = renewed.Value.PopReceipt;
                                held.InvisibleSince = DateTime.UtcNow;
                            }
                        }
                    }
                    catch (RequestFailedException e) when (e.Status is 404 or 400)
                    {
                        // Deleted meanwhile, or re-received with a newer receipt.
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException)
            {
                Log.LoopFailed(Logger, e, "renew", partition.Index);
            }
        }
    }

    private async Task DeleteMessageAsync(QueueAnchor anchor)
    {
        string popReceipt;
        lock (anchor.Gate)
        {
            anchor.Acknowledged = true;
            popReceipt = anchor.PopReceipt;
        }

        try
        {
            await Hub.ControlQueues[anchor.Partition].DeleteMessageAsync(anchor.QueueMessageId, popReceipt, Stopping);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already deleted, or re-received elsewhere: the receiver will find the work done and drop it.
        }

        _partitions[anchor.Partition].Held.TryRemove(anchor.QueueMessageId, out _);
    }
}

/// <summary>A control message that kept failing, parked in the poison queue with its reason.</summary>
/// <param name="OriginalMessageId">Its id in the control queue.</param>
/// <param name="Partition">The control queue it came from.</param>
/// <param name="Body">The message as it was enqueued.</param>
/// <param name="Reason">The last error.</param>
/// <param name="DequeueCount">How often it was tried.</param>
/// <param name="PoisonedAt">When it was parked (UTC).</param>
public sealed record PoisonMessage(string OriginalMessageId, int Partition, string Body, string Reason, long DequeueCount, DateTime PoisonedAt);
