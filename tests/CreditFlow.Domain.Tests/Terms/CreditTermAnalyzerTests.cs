using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Terms;

namespace CreditFlow.Domain.Tests.Terms;

public sealed class CreditTermAnalyzerTests
{
    private static Money Cny(decimal amount) => Money.Of(amount, "CNY");

    private static CreditTermChange ThirtyToSixty(decimal margin, decimal badDebt) => new(
        currentTermDays: 30,
        proposedTermDays: 60,
        extraSales: Cny(2_000_000m),
        averageGrossMargin: margin,
        extraCreditManagementCost: Cny(30_000m),
        extraReceivables: Cny(1_500_000m),
        bankRate: 0.06m,
        extraBadDebtLoss: Cny(badDebt));

    [Fact]
    public void Analyze_ProfitableExtension_IsJustified()
    {
        // Gain 2,000,000 × 20 % = 400,000.
        // Costs: management 30,000; opportunity 1,500,000 × 6 % × 60 / 365 = 5,400,000 / 365 = 14,794.52; bad debt 40,000.
        // Net 400,000 − 84,794.52 = 315,205.48.
        var analysis = CreditTermAnalyzer.Default.Analyze(ThirtyToSixty(0.20m, 40_000m));

        Assert.Equal(Cny(400_000m), analysis.MarginalGain);
        Assert.Equal(Cny(14_794.52m), analysis.OpportunityCost);
        Assert.Equal(Cny(84_794.52m), analysis.MarginalCost);
        Assert.Equal(Cny(315_205.48m), analysis.Net);
        Assert.Equal(TermChangeVerdict.Justified, analysis.Verdict);
    }

    [Fact]
    public void Analyze_ThinMarginHighBadDebt_IsNotJustified()
    {
        // Gain 2,000,000 × 5 % = 100,000; costs 30,000 + 14,794.52 + 80,000 = 124,794.52; net −24,794.52.
        var analysis = CreditTermAnalyzer.Default.Analyze(ThirtyToSixty(0.05m, 80_000m));

        Assert.Equal(Cny(-24_794.52m), analysis.Net);
        Assert.Equal(TermChangeVerdict.NotJustified, analysis.Verdict);
        Assert.EndsWith("not justified, only a positive net justifies a change", analysis.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NetExactlyZero_IsNotJustified()
    {
        // Gain 2,000,000 × 0.1 = 200,000 = 30,000 + 0 opportunity (rate 0) + 170,000 bad debt.
        var change = new CreditTermChange(30, 45, Cny(2_000_000m), 0.1m, Cny(30_000m), Cny(500_000m), 0m, Cny(170_000m));

        var analysis = CreditTermAnalyzer.Default.Analyze(change);

        Assert.Equal(Cny(0m), analysis.Net);
        Assert.Equal(TermChangeVerdict.NotJustified, analysis.Verdict);
    }

    [Fact]
    public void Analyze_OneCentPositive_IsJustified()
    {
        var change = new CreditTermChange(30, 45, Cny(2_000_000m), 0.1m, Cny(30_000m), Cny(500_000m), 0m, Cny(169_999.99m));

        Assert.Equal(TermChangeVerdict.Justified, CreditTermAnalyzer.Default.Analyze(change).Verdict);
    }

    [Fact]
    public void Analyze_OpportunityCostLine_ShowsTheArithmetic()
    {
        var analysis = CreditTermAnalyzer.Default.Analyze(ThirtyToSixty(0.20m, 40_000m));

        Assert.Equal("opportunity cost = extra receivables 1,500,000.00 CNY × bank rate 0.06 × 60 / 365 = 14,794.52 CNY", analysis.Explanation[3]);
    }

    [Fact]
    public void Analyze_Basis360_RaisesTheOpportunityCost()
    {
        var analysis = CreditTermAnalyzer.Parse("""{ "dayCountBasis": 360 }""").Analyze(ThirtyToSixty(0.20m, 40_000m));

        // 5,400,000 / 360 = 15,000
        Assert.Equal(Cny(15_000m), analysis.OpportunityCost);
    }

    [Fact]
    public void Analyze_RandomChanges_NetIsGainMinusCostsAndVerdictFollowsSign()
    {
        var random = new Random(99);
        for (var i = 0; i < 1_000; i++)
        {
            var change = new CreditTermChange(
                random.Next(0, 90),
                random.Next(0, 180),
                Cny(random.Next(-1_000_000, 5_000_000)),
                random.Next(0, 101) / 100m,
                Cny(random.Next(0, 100_000)),
                Cny(random.Next(-1_000_000, 3_000_000)),
                random.Next(0, 21) / 100m,
                Cny(random.Next(0, 200_000)));

            var analysis = CreditTermAnalyzer.Default.Analyze(change);

            Assert.Equal(analysis.MarginalGain - analysis.CreditManagementCost - analysis.OpportunityCost - analysis.BadDebtCost, analysis.Net);
            Assert.Equal(analysis.Net.Amount > 0m, analysis.Verdict == TermChangeVerdict.Justified);
        }
    }

    [Fact]
    public void Ctor_MarginOverOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CreditTermChange(30, 60, Cny(1m), 1.2m, Cny(0m), Cny(0m), 0.05m, Cny(0m)));
    }

    [Fact]
    public void Ctor_MixedCurrencies_Throws()
    {
        Assert.Throws<CurrencyMismatchException>(() => new CreditTermChange(30, 60, Cny(1m), 0.2m, Cny(0m), Money.Of(5m, "USD"), 0.05m, Cny(0m)));
    }

    [Theory]
    [InlineData("""{ "dayCountBasis": 361 }""", "$.dayCountBasis: 361 must be 360, 365 or 366")]
    [InlineData("""{ "dayCountBasis": 365.5 }""", "$.dayCountBasis: must be a whole number, was 365.5")]
    [InlineData("""{ }""", "$.dayCountBasis: is required")]
    public void Parse_Invalid_NamesTheProblem(string json, string problem)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => CreditTermAnalyzer.Parse(json));

        Assert.Equal(problem, Assert.Single(error.Problems).ToString());
    }
}
