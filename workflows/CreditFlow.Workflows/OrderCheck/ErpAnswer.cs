namespace CreditFlow.Workflows.OrderCheck;

/// <summary>What to answer the ERP: an outcome and a JSON body, the same on every retry of the document. The host says it in HTTP.</summary>
/// <param name="Duplicate">True when this is the stored first answer to an earlier identical call.</param>
public sealed record ErpAnswer(ErpAnswerOutcome Outcome, string Json, bool Duplicate = false)
{
    /// <summary>The same id came with a different body.</summary>
    public static ErpAnswer Conflict(string kind, string id) =>
        new(ErpAnswerOutcome.DocumentIdReused, string.Empty) { Detail = $"{kind} '{id}' was already received with a different body; a document id may carry one body only." };

    /// <summary>Turned away unread: the answer would come too late. Nothing was stored; the ERP sends the document again after <paramref name="retryAfter"/>.</summary>
    public static ErpAnswer Busy(TimeSpan retryAfter, string why) =>
        new(ErpAnswerOutcome.Busy, string.Empty) { Detail = $"The order check is too busy to answer in time: {why}. Nothing was stored; send the same document again after Retry-After.", RetryAfter = retryAfter };

    /// <summary>Set when <see cref="Outcome"/> is not <see cref="ErpAnswerOutcome.Answered"/>: the problem to report.</summary>
    public string? Detail { get; init; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="ErpAnswerOutcome.Busy"/>: how long the ERP should wait before sending again.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
