namespace CreditFlow.Storage.Customers;

/// <summary>A credit customer: anyone who can cause the company a credit loss (docs/domain.md "Customers").</summary>
/// <param name="ActualController">Who controls the company; customers sharing one form a group. Null when unknown.</param>
public sealed record Customer(
    string Id,
    string Name,
    string RegistrationNumber,
    string? ActualController,
    string? Industry,
    DateTimeOffset CreatedAt);
