using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Workspace.Cases;

/// <summary>A row of the cases list: the case, what is still owed on it now, and what it waits for in words.</summary>
public sealed record CaseRow(LegalCase Case, Money Owed, string WaitsFor);
