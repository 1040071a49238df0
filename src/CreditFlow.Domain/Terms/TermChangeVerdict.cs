namespace CreditFlow.Domain.Terms;

/// <summary>Whether a term change pays for itself.</summary>
public enum TermChangeVerdict
{
    /// <summary>Marginal gain exceeds marginal costs: the change is justified.</summary>
    Justified,

    /// <summary>Net zero or negative: keep the current term.</summary>
    NotJustified,
}
