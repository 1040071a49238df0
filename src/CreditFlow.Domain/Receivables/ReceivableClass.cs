namespace CreditFlow.Domain.Receivables;

/// <summary>ABC class of a receivable; collection effort goes to C first.</summary>
public enum ReceivableClass
{
    /// <summary>Good (about 80% of the amount).</summary>
    A,

    /// <summary>Watch (about 15%).</summary>
    B,

    /// <summary>High risk (about 5%).</summary>
    C,
}
