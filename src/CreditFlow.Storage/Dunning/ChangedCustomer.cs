namespace CreditFlow.Storage.Dunning;

/// <summary>A customer whose invoices changed since they were last summarised (<see cref="DunningStore.ChangedCustomersAsync"/>).</summary>
/// <param name="CustomerId">Whose.</param>
/// <param name="Version">The mark's version: clearing it fails when the customer was marked again since.</param>
public sealed record ChangedCustomer(string CustomerId, string Version);

/// <summary>What became of a mark <see cref="DunningStore.ClearChangedAsync"/> was asked to clear.</summary>
public enum ClearedMark
{
    /// <summary>It is gone.</summary>
    Cleared,

    /// <summary>The customer was marked again since it was read: it stays.</summary>
    ChangedAgain,

    /// <summary>Someone else cleared it first.</summary>
    Gone,
}
