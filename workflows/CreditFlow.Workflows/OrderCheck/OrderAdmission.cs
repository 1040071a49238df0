using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Turns a new order or shipment away at once, before anything is read or stored, when its answer
/// would come too late: when the expected wait (<see cref="CustomerQueues.ExpectedWait"/>) exceeds the
/// budget, or too many documents wait already. Shedding early keeps the answers that are given fast
/// and lets a stalled or flooded system recover in seconds instead of digging itself out of a backlog
/// of requests whose ERP gave up long ago.
/// </summary>
public sealed partial class OrderAdmission(CustomerQueues queues, IOptions<OrderAdmissionOptions> options, ILogger<OrderAdmission> logger)
{
    private readonly Lock _gate = new();
    private long _turnedAwayThisSpell;
    private bool _turningAway;

    /// <summary>Null when the document may wait for its check; otherwise the busy answer to give at once.</summary>
    public ErpAnswer? TurnAway(string customerId)
    {
        var limits = options.Value;
        var waiting = queues.Waiting;
        var expected = queues.ExpectedWait(customerId);
        var why = waiting >= limits.MaxWaitingChecks ? $"{waiting} documents are waiting for their check (at most {limits.MaxWaitingChecks})"
            : expected > limits.AnswerBudget ? $"the expected wait for an answer is {expected.TotalMilliseconds:F0} ms (budget {limits.AnswerBudget.TotalMilliseconds:F0} ms)"
            : null;
        lock (_gate)
        {
            if (why is null)
            {
                if (_turningAway)
                {
                    _turningAway = false;
                    LogAdmittingAgain(logger, _turnedAwayThisSpell);
                }

                return null;
            }

            if (!_turningAway)
            {
                // Once per spell, not per request: a flood would otherwise flood the log too.
                _turningAway = true;
                _turnedAwayThisSpell = 0;
                LogTurningAway(logger, why);
            }

            _turnedAwayThisSpell++;
        }

        return ErpAnswer.Busy(limits.RetryAfter, why);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order check turning new documents away (503, Retry-After): {Why}")]
    private static partial void LogTurningAway(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order check admitting documents again after turning {Count} away")]
    private static partial void LogAdmittingAgain(ILogger logger, long count);
}
