namespace CreditFlow.Storage.Profiles;

/// <summary>
/// The flag on a customer's profile while another company of its group is blacklisted: who, by name, and the actual
/// controller they share, so a hold can say it without reading anything else.
/// </summary>
/// <param name="CustomerId">The blacklisted group member.</param>
/// <param name="Name">Its name when it was blacklisted.</param>
/// <param name="ActualController">The actual controller of the group.</param>
public sealed record GroupBlacklistFlag(string CustomerId, string Name, string ActualController);
