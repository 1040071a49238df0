namespace CreditFlow.Workflows.OrderCheck;

/// <summary>What to answer the ERP: an outcome and a JSON body, the same on every retry of the document. The host says it in HTTP.</summary>
/// <param name="Duplicate">True when this is the stored first answer to an earlier identical call.</param>
public sealed record ErpAnswer(ErpAnswerOutcome Outcome, string Json, bool Duplicate = false)
{
    /// <summary>The same id came with a different body.</summary>
    public static ErpAnswer Conflict(string kind, string id) =>
        new(ErpAnswerOutcome.DocumentIdReused, string.Empty) { ConflictDetail = $"{kind} '{id}' was already received with a different body; a document id may carry one body only." };

    /// <summary>Set when <see cref="Outcome"/> is <see cref="ErpAnswerOutcome.DocumentIdReused"/>: the problem to report.</summary>
    public string? ConflictDetail { get; init; }
}
