namespace CreditFlow.Domain.LegalHandoff;

/// <summary>What a collection agency reports about a case it holds.</summary>
public enum AgencyReportKind
{
    /// <summary>It took the case on.</summary>
    Accepted,

    /// <summary>It reached the customer.</summary>
    ContactMade,

    /// <summary>The customer promised to pay by a date.</summary>
    Promise,

    /// <summary>It collected an amount from the customer.</summary>
    Recovery,

    /// <summary>The customer offers to pay an amount from now on in full and final settlement.</summary>
    SettlementOffer,

    /// <summary>It gives the case back without recovering (the rest of) it.</summary>
    ReturnedUnrecovered,
}
