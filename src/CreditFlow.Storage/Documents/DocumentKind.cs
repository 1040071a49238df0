namespace CreditFlow.Storage.Documents;

/// <summary>What an uploaded document is.</summary>
public enum DocumentKind
{
    /// <summary>Balance sheet, income or cash-flow statement.</summary>
    FinancialStatement,

    /// <summary>A sales or guarantee contract.</summary>
    Contract,
}
