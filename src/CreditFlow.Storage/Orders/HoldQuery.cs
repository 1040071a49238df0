using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Orders;

/// <summary>Filters of the worklist; null means any.</summary>
/// <param name="HeldBefore">Only holds older than this (held at or before it).</param>
/// <param name="Max">How many are returned: the oldest (a worklist's order), or the newest with <paramref name="NewestFirst"/>.</param>
/// <param name="NewestFirst">Newest first instead of oldest first.</param>
public sealed record HoldQuery(HoldStatus? Status = null, string? CustomerId = null, DateTimeOffset? HeldBefore = null, CreditRole? ApproverRole = null, int Max = 200, bool NewestFirst = false);
