namespace CreditFlow.Storage.Blacklist;

/// <summary>What <see cref="Blacklisting.BlacklistCustomerAsync"/> came to.</summary>
/// <param name="Entry">The customer's entry on the blacklist (the one stored first, when it was on the list already).</param>
/// <param name="GroupMembersFlagged">
/// The other companies of its group (same actual controller) whose profiles carry the group flag, so their orders are
/// held: by customer id. Companies of the group without a credit profile are not flagged (their orders are held as not
/// on the credit list, and onboarding screening checks the group).
/// </param>
public sealed record BlacklistOutcome(BlacklistEntry Entry, IReadOnlyList<string> GroupMembersFlagged);
