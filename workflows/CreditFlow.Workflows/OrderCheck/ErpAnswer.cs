namespace CreditFlow.Workflows.OrderCheck;

/// <summary>What to answer the ERP: an HTTP status and a JSON body, the same on every retry of the document.</summary>
/// <param name="Duplicate">True when this is the stored first answer to an earlier identical call.</param>
public sealed record ErpAnswer(int Status, string Json, bool Duplicate = false)
{
    /// <summary>The same id came with a different body.</summary>
    public static ErpAnswer Conflict(string kind, string id) => new(409, string.Empty) { ConflictDetail = $"{kind} '{id}' was already received with a different body; a document id may carry one body only." };

    /// <summary>Set when <see cref="Status"/> is 409: the problem to report.</summary>
    public string? ConflictDetail { get; init; }
}
