namespace CreditFlow.Domain.OrderCheck;

/// <summary>
/// The blacklisted company of a customer's group (same actual controller) for which the customer's orders are held
/// (docs/domain.md "Customers": fraud often runs through groups).
/// </summary>
/// <param name="CustomerId">The blacklisted group member.</param>
/// <param name="Name">Its name, for the approver.</param>
/// <param name="ActualController">Who controls both companies.</param>
public sealed record BlacklistedGroupMember(string CustomerId, string Name, string ActualController);
