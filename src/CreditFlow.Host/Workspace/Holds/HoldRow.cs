using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Workspace.Holds;

/// <summary>A hold as the worklist shows it to the signed-in user.</summary>
/// <param name="Hold">The hold.</param>
/// <param name="CustomerName">The customer's name, null when none is on file.</param>
/// <param name="AboveAuthority">Why the signed-in role may not decide it (who can), when it may decide holds but not this one; null otherwise.</param>
public sealed record HoldRow(HoldRecord Hold, string? CustomerName, string? AboveAuthority);
