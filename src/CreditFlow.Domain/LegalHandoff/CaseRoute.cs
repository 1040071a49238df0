namespace CreditFlow.Domain.LegalHandoff;

/// <summary>How legal pursues a case once it has accepted it (docs/domain.md "Legal handoff").</summary>
public enum CaseRoute
{
    /// <summary>Legal sues in court itself.</summary>
    Litigation,

    /// <summary>Legal takes the case to arbitration, where the contract provides for it.</summary>
    Arbitration,

    /// <summary>An outside collection agency collects for a commission.</summary>
    Agency,
}
