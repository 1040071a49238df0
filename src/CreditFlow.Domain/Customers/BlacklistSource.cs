namespace CreditFlow.Domain.Customers;

/// <summary>Why a company is on the blacklist (docs/domain.md "Customers": internal, plus shared industry lists).</summary>
public enum BlacklistSource
{
    /// <summary>Our own decision: credit staff put it on the list.</summary>
    Internal,

    /// <summary>A shared industry list of known defaulters, imported; the company need not be our customer.</summary>
    IndustryList,

    /// <summary>A legal case against the customer: it is blacklisted when the case is opened.</summary>
    LegalCase,
}
