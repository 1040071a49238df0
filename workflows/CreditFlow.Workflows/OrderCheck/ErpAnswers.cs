using System.Text.Json;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The first answer to a document, kept with its body hash, and what a repeat of the document gets.</summary>
internal static class ErpAnswers
{
    /// <summary>The first answer to a document whose body hashes to <paramref name="bodyHash"/>.</summary>
    public static StoredAnswer First<T>(string bodyHash, T body) => new(bodyHash, JsonSerializer.Serialize(body, ErpJson.Options));

    /// <summary>The stored first answer again for the same body; a conflict for another body under the same id.</summary>
    /// <param name="kind">"order", "shipment", … as the conflict names it.</param>
    public static ErpAnswer Repeat(StoredAnswer stored, string bodyHash, string kind, string id) =>
        stored.BodyHash == bodyHash ? new ErpAnswer(ErpAnswerOutcome.Answered, stored.Json, Duplicate: true) : ErpAnswer.Conflict(kind, id);

    /// <summary>What a stored answer says the first time.</summary>
    public static ErpAnswer Given(StoredAnswer answer) => new(ErpAnswerOutcome.Answered, answer.Json);
}
