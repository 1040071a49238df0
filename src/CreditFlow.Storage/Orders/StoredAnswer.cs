namespace CreditFlow.Storage.Orders;

/// <summary>
/// The first answer given to an ERP document, kept with the hash of the body it answered, so a
/// retry with the same body gets exactly this answer back and a different body under the same id
/// is recognised as a conflict.
/// </summary>
/// <param name="BodyHash">Lower-case hex SHA-256 of the raw request body.</param>
/// <param name="Json">The answer's body.</param>
public sealed record StoredAnswer(string BodyHash, string Json);
