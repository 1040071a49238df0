using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

public sealed class AbcClassificationTests
{
    private static readonly DateOnly Today = new(2026, 12, 31);
    private static readonly Currency Cny = new("CNY");

    private static Invoice Item(string id, int daysOverdue, decimal amount) =>
        new("C-" + id, id, Today.AddDays(-daysOverdue - 60), Today.AddDays(-daysOverdue), new Money(amount, Cny));

    [Fact]
    public void Classify_WorkedExample_SharesByHand()
    {
        // Arrange: total 1,000,000. Ranked by days overdue, the amount ranked before each item:
        //   I1 200d  30,000 before      0 (0%)  < 5%  -> C
        //   I2 120d  30,000 before 30,000 (3%)  < 5%  -> C   (crosses the 5% line: goes to C)
        //   I3  95d  50,000 before 60,000 (6%)  < 20% -> B
        //   I4  45d  60,000 before 110,000 (11%)      -> B
        //   I5  20d  40,000 before 170,000 (17%)      -> B   (crosses the 20% line: goes to B)
        //   I6  10d  90,000 before 210,000 (21%)      -> A
        //   I7   0d 300,000 not overdue               -> A
        //   I8 -10d 400,000 not overdue               -> A
        // C = 60,000 (6%), B = 150,000 (15%), A = 790,000 (79%).
        Invoice[] items = [Item("I7", 0, 300_000m), Item("I3", 95, 50_000m), Item("I1", 200, 30_000m), Item("I8", -10, 400_000m),
            Item("I5", 20, 40_000m), Item("I2", 120, 30_000m), Item("I6", 10, 90_000m), Item("I4", 45, 60_000m)];

        // Act
        var abc = AbcClassification.Classify(AbcPolicy.Default, items, Cny, Today);

        // Assert
        Assert.Equal(["I1", "I2"], abc.Items.Where(i => i.Class == ReceivableClass.C).Select(i => i.Receivable.InvoiceId));
        Assert.Equal(["I3", "I4", "I5"], abc.Items.Where(i => i.Class == ReceivableClass.B).Select(i => i.Receivable.InvoiceId));
        Assert.Equal((0.06m, 0.15m, 0.79m), (abc.ShareOf(ReceivableClass.C), abc.ShareOf(ReceivableClass.B), abc.ShareOf(ReceivableClass.A)));
    }

    [Fact]
    public void Classify_NothingOverdue_AllClassA()
    {
        // Arrange
        Invoice[] items = [Item("X", 0, 10m), Item("Y", -30, 20m)];

        // Act
        var abc = AbcClassification.Classify(AbcPolicy.Default, items, Cny, Today);

        // Assert
        Assert.All(abc.Items, i => Assert.Equal(ReceivableClass.A, i.Class));
    }

    [Fact]
    public void Classify_RandomBooks_MoreOverdueNeverBetterClassAndSharesReachTargets()
    {
        // Arrange: property over random books.
        var random = new Random(31);
        for (var round = 0; round < 200; round++)
        {
            var items = Enumerable.Range(0, random.Next(1, 40))
                .Select(i => Item($"I{i}", random.Next(-60, 400), random.Next(1, 100_000)))
                .ToArray();

            // Act
            var abc = AbcClassification.Classify(AbcPolicy.Default, items, Cny, Today);

            // Assert
            for (var i = 1; i < abc.Items.Count; i++)
            {
                var riskier = abc.Items[i - 1];
                Assert.True(riskier.DaysOverdue >= abc.Items[i].DaysOverdue);
                if (riskier.DaysOverdue > abc.Items[i].DaysOverdue)
                {
                    Assert.True(riskier.Class >= abc.Items[i].Class, $"{riskier} ranked after {abc.Items[i]}");
                }
            }

            var overdueShare = items.Where(i => i.DaysOverdue(Today) > 0).Sum(i => i.Open.Amount) / items.Sum(i => i.Open.Amount);
            Assert.True(abc.ShareOf(ReceivableClass.C) >= Math.Min(0.05m, overdueShare));
            Assert.True(abc.ShareOf(ReceivableClass.C) + abc.ShareOf(ReceivableClass.B) >= Math.Min(0.20m, overdueShare));
            Assert.Equal(abc.Total, abc.AmountOf(ReceivableClass.A) + abc.AmountOf(ReceivableClass.B) + abc.AmountOf(ReceivableClass.C));
        }
    }

    [Fact]
    public void Parse_SharesTooLarge_Reported()
    {
        // Act
        var over = Assert.Throws<InvalidConfigurationException>(() => AbcPolicy.Parse("""{ "highRiskShare": 0.6, "watchShare": 0.5 }"""));
        var negative = Assert.Throws<InvalidConfigurationException>(() => AbcPolicy.Parse("""{ "highRiskShare": -0.1 }"""));

        // Assert
        Assert.Equal("$.watchShare: highRiskShare + watchShare must not exceed 1, was 1.1", Assert.Single(over.Problems).ToString());
        Assert.Equal(["$.highRiskShare: must be a share between 0 and 1, was -0.1", "$.watchShare: is required"], negative.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
    }
}
