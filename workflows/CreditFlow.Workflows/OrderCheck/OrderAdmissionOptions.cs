using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// How much waiting the order check takes on before it says "busy" (section <c>OrderCheck</c>). An
/// ERP waits on each answer; an answer that comes late stops a warehouse as surely as a refusal, so
/// past the budget an order is answered at once with 503 and <c>Retry-After</c> and the ERP retries.
/// </summary>
public sealed class OrderAdmissionOptions
{
    /// <summary>
    /// Longest expected wait for an answer before a new order or shipment is turned away
    /// (<c>OrderCheck__AnswerBudget</c>). The expected wait counts the customer's documents queued ahead
    /// and how long storage takes to answer now.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "OrderCheck__AnswerBudget must be from 00:00:00.010 to 00:01:00.")]
    public TimeSpan AnswerBudget { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most documents this process holds waiting for their check, all customers together (<c>OrderCheck__MaxWaitingChecks</c>).</summary>
    [Range(1, 100_000, ErrorMessage = "OrderCheck__MaxWaitingChecks must be 1-100000.")]
    public int MaxWaitingChecks { get; set; } = 2_000;

    /// <summary>
    /// Most documents of one customer committed in one transaction (<c>OrderCheck__GroupCommitLimit</c>).
    /// A transaction takes at most 100 rows: the exposure row and two per document (a shipment writes its order too).
    /// </summary>
    [Range(1, 49, ErrorMessage = "OrderCheck__GroupCommitLimit must be 1-49 (a transaction takes at most 100 rows).")]
    public int GroupCommitLimit { get; set; } = 32;

    /// <summary>What a turned-away ERP is told to wait before retrying (<c>OrderCheck__RetryAfter</c>, whole seconds as HTTP says them).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "OrderCheck__RetryAfter must be from 00:00:01 to 00:10:00.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
