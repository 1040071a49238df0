using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Tests.Limits;

public sealed class ReferenceLimitsTests
{
    private static Money Cny(decimal amount) => Money.Of(amount, "CNY");

    [Fact]
    public void ByPurchasesAndMargin_EightMillionAtTwelvePercent_Is960Thousand()
    {
        var proposal = ReferenceLimits.ByPurchasesAndMargin(Cny(8_000_000m), 0.12m);

        Assert.Equal(LimitMethod.PurchasesTimesMargin, proposal.Method);
        Assert.Equal(Cny(960_000m), proposal.Limit);
        Assert.Equal([new("annual purchases", "8,000,000.00 CNY"), new("profit margin", "0.12")], proposal.Inputs);
        Assert.Equal("annual purchases 8,000,000.00 CNY × margin 0.12 = 960,000.00 CNY", proposal.Formula);
    }

    [Theory]
    [InlineData(CreditClass.A, 1_800_000)]
    [InlineData(CreditClass.B, 1_200_000)]
    [InlineData(CreditClass.C, 600_000)]
    [InlineData(CreditClass.D, 0)]
    public void ByClass_AnnualSalesTwelveMillion_AppliesTheClassCoefficient(CreditClass creditClass, decimal expected)
    {
        // Default coefficients on annual sales: A 0.15, B 0.10, C 0.05, D none.
        var proposal = ReferenceLimits.Default.ByClass(creditClass, new AnnualSalesBase(Cny(12_000_000m)));

        Assert.Equal(Cny(expected), proposal.Limit);
        Assert.Equal(LimitMethod.AnnualSales, proposal.Method);
        Assert.Equal(creditClass, proposal.Class);
        Assert.Contains(new LimitProposalInput("annual sales", "12,000,000.00 CNY"), proposal.Inputs);
    }

    [Fact]
    public void ByClass_WorkingCapital_IsCurrentAssetsMinusLiabilitiesTimesCoefficient()
    {
        // (5,000,000 − 3,000,000) × B 0.30 = 600,000
        var proposal = ReferenceLimits.Default.ByClass(CreditClass.B, new WorkingCapitalBase(Cny(5_000_000m), Cny(3_000_000m)));

        Assert.Equal(Cny(600_000m), proposal.Limit);
        Assert.Equal(LimitMethod.WorkingCapital, proposal.Method);
        Assert.Equal(["class", "coefficient", "current assets", "current liabilities"], proposal.Inputs.Select(i => i.Name));
        Assert.Equal("class B coefficient 0.3 × working capital (5,000,000.00 CNY - 3,000,000.00 CNY = 2,000,000.00 CNY) = 600,000.00 CNY", proposal.Formula);
    }

    [Fact]
    public void ByClass_NegativeWorkingCapital_GivesZero()
    {
        var proposal = ReferenceLimits.Default.ByClass(CreditClass.A, new WorkingCapitalBase(Cny(1_000_000m), Cny(1_500_000m)));

        Assert.Equal(Cny(0m), proposal.Limit);
        Assert.EndsWith("(negative base: no credit)", proposal.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void ByClass_NetAssetLiquidationValueForClassC_UsesItsCoefficient()
    {
        // 4,000,000 × C 0.10 = 400,000
        var proposal = ReferenceLimits.Default.ByClass(CreditClass.C, new NetAssetLiquidationValueBase(Cny(4_000_000m)));

        Assert.Equal(Cny(400_000m), proposal.Limit);
        Assert.Equal(LimitMethod.NetAssetLiquidationValue, proposal.Method);
    }

    [Fact]
    public void ByClass_WorkingCapitalInTwoCurrencies_Throws()
    {
        Assert.Throws<CurrencyMismatchException>(() => ReferenceLimits.Default.ByClass(CreditClass.A, new WorkingCapitalBase(Cny(1m), Money.Of(1m, "USD"))));
    }

    [Fact]
    public void CrossCheckIndustry_AboveIndustryLevel_CapsAndKeepsTheOriginal()
    {
        var proposal = ReferenceLimits.Default.ByClass(CreditClass.B, new AnnualSalesBase(Cny(12_000_000m)));

        var checkedProposal = proposal.CrossCheckIndustry(Cny(1_000_000m));

        Assert.Equal(Cny(1_000_000m), checkedProposal.Limit);
        Assert.Equal(Cny(1_200_000m), checkedProposal.Uncapped);
        Assert.True(checkedProposal.CappedByIndustry);
        Assert.EndsWith("capped at industry level 1,000,000.00 CNY", checkedProposal.Formula, StringComparison.Ordinal);
        Assert.Equal(new LimitProposalInput("industry usual credit level", "1,000,000.00 CNY"), checkedProposal.Inputs[^1]);
    }

    [Fact]
    public void CrossCheckIndustry_WithinIndustryLevel_KeepsTheLimit()
    {
        var proposal = ReferenceLimits.Default.ByClass(CreditClass.B, new AnnualSalesBase(Cny(12_000_000m)));

        var checkedProposal = proposal.CrossCheckIndustry(Cny(1_200_000m));

        Assert.Equal(Cny(1_200_000m), checkedProposal.Limit);
        Assert.False(checkedProposal.CappedByIndustry);
        Assert.Equal(Cny(1_200_000m), checkedProposal.IndustryLevel);
    }

    [Fact]
    public void ByClass_RandomBases_BetterClassNeverGetsLess()
    {
        var random = new Random(42);
        for (var i = 0; i < 1_000; i++)
        {
            LimitBase limitBase = (random.Next(3)) switch
            {
                0 => new AnnualSalesBase(Cny(random.Next(0, 100_000_000))),
                1 => new WorkingCapitalBase(Cny(random.Next(0, 50_000_000)), Cny(random.Next(0, 50_000_000))),
                _ => new NetAssetLiquidationValueBase(Cny(random.Next(0, 80_000_000))),
            };

            var limits = Enum.GetValues<CreditClass>().Select(c => ReferenceLimits.Default.ByClass(c, limitBase).Limit).ToArray();

            Assert.True(limits[0] >= limits[1] && limits[1] >= limits[2] && limits[2] >= limits[3]);
            Assert.Equal(Cny(0m), limits[3]);
            Assert.All(limits, l => Assert.False(l.IsNegative));
        }
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void ByPurchasesAndMargin_MarginOutsideZeroToOne_Throws(decimal margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceLimits.ByPurchasesAndMargin(Cny(1m), margin));
    }

    [Fact]
    public void Parse_CoefficientOverOneAndInverted_ListsBoth()
    {
        const string Json = """
            { "coefficients": {
                "annualSales": { "A": 1.5, "B": 0.1, "C": 0.05 },
                "workingCapital": { "A": 0.2, "B": 0.3, "C": 0.1 },
                "netAssetLiquidationValue": { "A": 0.4, "B": 0.25 } } }
            """;

        var error = Assert.Throws<InvalidConfigurationException>(() => LimitCoefficients.Parse(Json));

        Assert.Equal(
            [
                "$.coefficients.annualSales.A: 1.5 is outside 0..1",
                "$.coefficients.workingCapital: a better class may not get a smaller coefficient: A 0.2, B 0.3, C 0.1",
                "$.coefficients.netAssetLiquidationValue.C: is required",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_Custom_ChangesTheLimit()
    {
        var coefficients = LimitCoefficients.Parse("""
            { "coefficients": {
                "annualSales": { "A": 0.2, "B": 0.2, "C": 0.01 },
                "workingCapital": { "A": 0.2, "B": 0.2, "C": 0.1 },
                "netAssetLiquidationValue": { "A": 0.4, "B": 0.25, "C": 0 } } }
            """);

        var proposal = new ReferenceLimits(coefficients).ByClass(CreditClass.C, new AnnualSalesBase(Cny(1_000_000m)));

        Assert.Equal(Cny(10_000m), proposal.Limit);
    }
}
