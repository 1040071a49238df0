namespace CreditFlow.Storage.Orders;

/// <summary>How a commit of a ledger change went; a lost race wrote nothing.</summary>
public enum LedgerCommit
{
    /// <summary>Written.</summary>
    Committed,

    /// <summary>The exposure row changed since it was read (another order, another process, a profile write).</summary>
    ExposureMoved,

    /// <summary>A document row exists already or changed since it was read, or storage did not say which row it was.</summary>
    DocumentMoved,
}
