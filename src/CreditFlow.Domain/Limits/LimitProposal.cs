using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>A reference credit limit with the method, formula and figures it came from.</summary>
/// <param name="Method">The method used.</param>
/// <param name="Limit">The proposed limit, never negative.</param>
/// <param name="Formula">The arithmetic in words, e.g. <c>0.10 × annual sales 12,000,000.00 CNY = 1,200,000.00 CNY</c>.</param>
/// <param name="Inputs">The figures used.</param>
/// <param name="Class">The class whose coefficient was applied, when the method uses one.</param>
public sealed record LimitProposal(LimitMethod Method, Money Limit, string Formula, IReadOnlyList<LimitProposalInput> Inputs, CreditClass? Class = null)
{
    /// <summary>The industry's usual credit level the proposal was cross-checked against, if any.</summary>
    public Money? IndustryLevel { get; init; }

    /// <summary>The limit before the industry cross-check; equals <see cref="Limit"/> when not capped.</summary>
    public Money? Uncapped { get; init; }

    /// <summary>True when the industry's usual level lowered the limit.</summary>
    public bool CappedByIndustry => Uncapped is { } before && before != Limit;

    /// <summary>Caps the limit at the industry's usual credit level: a limit far above what the sector grants is a warning sign.</summary>
    /// <exception cref="CurrencyMismatchException">The level is in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is negative.</exception>
    public LimitProposal CrossCheckIndustry(Money industryLevel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(industryLevel.Amount, nameof(industryLevel));
        var capped = Money.Min(Limit, industryLevel);
        return this with
        {
            Limit = capped,
            IndustryLevel = industryLevel,
            Uncapped = Limit,
            Formula = capped == Limit ? $"{Formula}; within industry level {industryLevel}" : $"{Formula}; capped at industry level {industryLevel}",
            Inputs = [.. Inputs, new LimitProposalInput("industry usual credit level", industryLevel.ToString())],
        };
    }
}
