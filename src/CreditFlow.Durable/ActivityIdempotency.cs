using CreditFlow.Durable.Worker;
using Microsoft.DurableTask;

namespace CreditFlow.Durable;

/// <summary>What this engine tells an activity beyond the SDK's <see cref="TaskActivityContext"/>.</summary>
public static class ActivityIdempotency
{
    /// <summary>
    /// A key that is the same for every run of one scheduled activity (runs are at-least-once) and
    /// different for every other: key a side effect (a mail, a callback) with it so it happens once.
    /// </summary>
    /// <exception cref="NotSupportedException">The activity does not run on this engine.</exception>
    public static string GetIdempotencyKey(this TaskActivityContext context) =>
        context is ActivityContext engine
            ? engine.IdempotencyKey
            : throw new NotSupportedException($"Activity '{context?.Name.Name}' does not run on the CreditFlow engine; pass a key in its input instead.");
}
