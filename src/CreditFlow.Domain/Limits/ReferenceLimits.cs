using System.Globalization;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>Reference limits for one customer by each method of the deck; the officer compares them and proposes one.</summary>
/// <param name="coefficients">Class coefficients per base.</param>
public sealed class ReferenceLimits(LimitCoefficients coefficients)
{
    /// <summary>Reference limits with the shipped coefficients.</summary>
    public static ReferenceLimits Default { get; } = new(LimitCoefficients.Default);

    /// <summary>Annual purchases from us × our profit margin on them.</summary>
    /// <param name="annualPurchases">What the customer buys from us in a year.</param>
    /// <param name="profitMargin">Our profit margin as a fraction, e.g. 0.12 for 12 %.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative purchases, or a margin outside 0..1.</exception>
    public static LimitProposal ByPurchasesAndMargin(Money annualPurchases, decimal profitMargin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(annualPurchases.Amount, nameof(annualPurchases));
        ArgumentOutOfRangeException.ThrowIfNegative(profitMargin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(profitMargin, 1m);
        var limit = (annualPurchases * profitMargin).Rounded();
        return new LimitProposal(
            LimitMethod.PurchasesTimesMargin,
            limit,
            $"annual purchases {annualPurchases} × margin {F(profitMargin)} = {limit}",
            [new("annual purchases", annualPurchases.ToString()), new("profit margin", F(profitMargin))]);
    }

    /// <summary>Class coefficient × base. A negative base (e.g. negative working capital) gives zero; class D always gives zero.</summary>
    /// <exception cref="CurrencyMismatchException">A working-capital base mixes currencies.</exception>
    public LimitProposal ByClass(CreditClass creditClass, LimitBase limitBase)
    {
        ArgumentNullException.ThrowIfNull(limitBase);
        var coefficient = coefficients.For(limitBase.Method, creditClass);
        var amount = limitBase.Amount;
        var limit = amount.IsNegative ? Money.Zero(amount.Currency) : (amount * coefficient).Rounded();
        var why = creditClass == CreditClass.D ? " (class D: no credit)" : amount.IsNegative ? " (negative base: no credit)" : string.Empty;
        return new LimitProposal(
            limitBase.Method,
            limit,
            $"class {creditClass} coefficient {F(coefficient)} × {limitBase.Describe()} = {limit}{why}",
            [new("class", creditClass.ToString()), new("coefficient", F(coefficient)), .. limitBase.Inputs],
            creditClass);
    }

    private static string F(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
