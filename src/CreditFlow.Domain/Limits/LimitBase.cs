using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>The base a class coefficient multiplies: annual sales, working capital or net-asset liquidation value.</summary>
public abstract record LimitBase
{
    private protected LimitBase()
    {
    }

    /// <summary>Which method this base stands for.</summary>
    public abstract LimitMethod Method { get; }

    /// <summary>The base amount; may be negative (e.g. negative working capital), which yields a zero limit.</summary>
    public abstract Money Amount { get; }

    /// <summary>How the base is described in a formula.</summary>
    public abstract string Describe();

    /// <summary>The figures the base is made of.</summary>
    public abstract IReadOnlyList<LimitProposalInput> Inputs { get; }
}

/// <summary>The customer's annual sales: the most common base.</summary>
/// <param name="Sales">Annual sales.</param>
public sealed record AnnualSalesBase(Money Sales) : LimitBase
{
    /// <inheritdoc />
    public override LimitMethod Method => LimitMethod.AnnualSales;

    /// <inheritdoc />
    public override Money Amount => Sales;

    /// <inheritdoc />
    public override string Describe() => $"annual sales {Sales}";

    /// <inheritdoc />
    public override IReadOnlyList<LimitProposalInput> Inputs => [new("annual sales", Sales.ToString())];
}

/// <summary>Working capital: current assets − current liabilities.</summary>
/// <param name="CurrentAssets">Current assets.</param>
/// <param name="CurrentLiabilities">Current liabilities, in the same currency.</param>
public sealed record WorkingCapitalBase(Money CurrentAssets, Money CurrentLiabilities) : LimitBase
{
    /// <inheritdoc />
    public override LimitMethod Method => LimitMethod.WorkingCapital;

    /// <inheritdoc />
    /// <exception cref="CurrencyMismatchException">Assets and liabilities are in different currencies.</exception>
    public override Money Amount => CurrentAssets - CurrentLiabilities;

    /// <inheritdoc />
    public override string Describe() => $"working capital ({CurrentAssets} - {CurrentLiabilities} = {Amount})";

    /// <inheritdoc />
    public override IReadOnlyList<LimitProposalInput> Inputs =>
        [new("current assets", CurrentAssets.ToString()), new("current liabilities", CurrentLiabilities.ToString())];
}

/// <summary>What the customer's net assets would fetch in liquidation: the base for riskier customers.</summary>
/// <param name="Value">Net-asset liquidation value.</param>
public sealed record NetAssetLiquidationValueBase(Money Value) : LimitBase
{
    /// <inheritdoc />
    public override LimitMethod Method => LimitMethod.NetAssetLiquidationValue;

    /// <inheritdoc />
    public override Money Amount => Value;

    /// <inheritdoc />
    public override string Describe() => $"net-asset liquidation value {Value}";

    /// <inheritdoc />
    public override IReadOnlyList<LimitProposalInput> Inputs => [new("net-asset liquidation value", Value.ToString())];
}
