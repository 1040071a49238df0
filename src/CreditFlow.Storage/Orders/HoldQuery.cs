using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Orders;

/// <summary>Filters of the worklist; null means any.</summary>
/// <param name="HeldBefore">Only holds older than this (held at or before it).</param>
public sealed record HoldQuery(HoldStatus? Status = null, string? CustomerId = null, DateTimeOffset? HeldBefore = null, CreditRole? ApproverRole = null, int Max = 200);
