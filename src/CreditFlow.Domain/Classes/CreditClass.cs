namespace CreditFlow.Domain.Classes;

/// <summary>A customer's credit class, from its score (docs/domain.md "Credit evaluation").</summary>
public enum CreditClass
{
    /// <summary>Prime.</summary>
    A,

    /// <summary>Normal.</summary>
    B,

    /// <summary>Watch.</summary>
    C,

    /// <summary>No credit: may not order on credit.</summary>
    D,
}
