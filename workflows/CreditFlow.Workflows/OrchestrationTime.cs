using Microsoft.DurableTask;

namespace CreditFlow.Workflows;

/// <summary>The orchestration's replay-safe clock as the <see cref="DateTimeOffset"/> the business records use.</summary>
internal static class OrchestrationTime
{
    /// <summary><see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> at offset zero.</summary>
    public static DateTimeOffset UtcNow(this TaskOrchestrationContext context) => new(context.CurrentUtcDateTime, TimeSpan.Zero);
}
