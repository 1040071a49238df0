namespace CreditFlow.Domain.LegalHandoff;

/// <summary>Where a legal case stands. The last four are outcomes: a closed case changes no more.</summary>
public enum CaseStatus
{
    /// <summary>Opened: legal is to accept it and choose the route (again, after a recall or an agency's return).</summary>
    AwaitingLegal,

    /// <summary>Accepted and pursued on its route.</summary>
    InProgress,

    /// <summary>Closed: every invoice of the case was paid.</summary>
    Recovered,

    /// <summary>Closed: a settlement was approved and paid; the remainder was written off.</summary>
    Settled,

    /// <summary>Closed: what was still owed was written off after approval.</summary>
    WrittenOff,

    /// <summary>Closed: taken back from legal (opened in error, or the customer came to terms outside the case).</summary>
    Withdrawn,
}
