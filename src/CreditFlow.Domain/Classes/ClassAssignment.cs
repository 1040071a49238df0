namespace CreditFlow.Domain.Classes;

/// <summary>The class a customer was given, and why.</summary>
/// <param name="Class">A, B, C or D.</param>
/// <param name="Score">The score it came from.</param>
/// <param name="Blacklisted">True when a blacklist hit forced D regardless of the score.</param>
/// <param name="Reason">The band or blacklist rule applied, in words.</param>
public sealed record ClassAssignment(CreditClass Class, decimal Score, bool Blacklisted, string Reason)
{
    /// <summary>False for class D: no credit, orders only on prepayment or refused.</summary>
    public bool AllowsCredit => Class.AllowsCredit();
}
