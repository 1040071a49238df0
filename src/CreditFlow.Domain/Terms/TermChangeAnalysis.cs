using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Terms;

/// <summary>The marginal analysis of a credit-term change (consulting deck, "credit policy 1").</summary>
/// <param name="Change">What was analysed.</param>
/// <param name="MarginalGain">Extra sales × average gross margin.</param>
/// <param name="CreditManagementCost">Extra credit-management cost.</param>
/// <param name="OpportunityCost">Extra receivables × bank rate × proposed term days / day-count basis.</param>
/// <param name="BadDebtCost">Extra bad-debt loss.</param>
/// <param name="Explanation">The arithmetic, one line per item, for the decision record.</param>
public sealed record TermChangeAnalysis(
    CreditTermChange Change,
    Money MarginalGain,
    Money CreditManagementCost,
    Money OpportunityCost,
    Money BadDebtCost,
    IReadOnlyList<string> Explanation)
{
    /// <summary>The sum of the marginal costs.</summary>
    public Money MarginalCost => CreditManagementCost + OpportunityCost + BadDebtCost;

    /// <summary>Marginal gain − marginal costs.</summary>
    public Money Net => MarginalGain - MarginalCost;

    /// <summary>Only a positive net justifies the change.</summary>
    public TermChangeVerdict Verdict => Net.Amount > 0m ? TermChangeVerdict.Justified : TermChangeVerdict.NotJustified;
}
