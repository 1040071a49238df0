using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Tests.Exposure;

public sealed class ExposureCalculatorTests
{
    private static readonly Currency Cny = new("CNY");

    private static Money M(decimal amount) => new(amount, Cny);

    [Fact]
    public void ForCustomer_DefaultPolicy_SumsAllThreeComponents()
    {
        // Arrange
        var items = new CustomerOpenItems("C1", null, M(300_000m), M(50_000m), M(120_000m));

        // Act
        var exposure = new ExposureCalculator(ExposurePolicy.Default).ForCustomer(items).Exposure;

        // Assert
        Assert.Equal(M(470_000m), exposure.Total);
    }

    [Fact]
    public void ForCustomer_OpenOrdersExcluded_CountsTheRest()
    {
        // Arrange
        var policy = ExposurePolicy.Parse("""{ "includeOpenReceivables": true, "includeShippedNotInvoiced": true, "includeOpenOrders": false }""");
        var items = new CustomerOpenItems("C1", null, M(300_000m), M(50_000m), M(120_000m));

        // Act
        var exposure = new ExposureCalculator(policy).ForCustomer(items).Exposure;

        // Assert
        Assert.Equal(M(350_000m), exposure.Total);
        Assert.Equal(M(0m), exposure.OpenOrders);
    }

    [Fact]
    public void ByGroup_SameActualController_OneGroupSummed()
    {
        // Arrange
        var customers = new[]
        {
            new CustomerOpenItems("C1", "Mr Wang", M(100m), M(10m), M(1m)),
            new CustomerOpenItems("C2", "Mr Wang", M(200m), M(20m), M(2m)),
            new CustomerOpenItems("C3", null, M(400m), M(40m), M(4m)),
        };

        // Act
        var groups = new ExposureCalculator(ExposurePolicy.Default).ByGroup(customers, Cny);

        // Assert
        var wang = Assert.Single(groups, g => g.GroupKey == "Mr Wang");
        Assert.Equal(M(333m), wang.Exposure.Total);
        Assert.Equal(["C1", "C2"], wang.Members.Select(m => m.CustomerId));
        var alone = Assert.Single(groups, g => g.GroupKey == "C3");
        Assert.Equal(M(444m), alone.Exposure.Total);
    }

    [Fact]
    public void ByGroup_RandomPortfolios_GroupTotalIsSumOfMembersAndPartitionsTheWhole()
    {
        // Arrange: property — exposure is additive whatever the policy and grouping.
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var policy = new ExposurePolicy(random.Next(2) == 0, random.Next(2) == 0, random.Next(2) == 0);
            var calculator = new ExposureCalculator(policy);
            var customers = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => new CustomerOpenItems(
                    $"C{i}",
                    random.Next(3) == 0 ? null : $"G{random.Next(3)}",
                    M(random.Next(0, 1_000_000) / 100m),
                    M(random.Next(0, 1_000_000) / 100m),
                    M(random.Next(0, 1_000_000) / 100m)))
                .ToArray();

            // Act
            var groups = calculator.ByGroup(customers, Cny);

            // Assert
            foreach (var group in groups)
            {
                var memberSum = group.Members.Select(m => m.Exposure.Total.Amount).Sum();
                Assert.Equal(memberSum, group.Exposure.Total.Amount);
            }

            var whole = customers.Select(c => calculator.ForCustomer(c).Exposure.Total.Amount).Sum();
            Assert.Equal(whole, groups.Select(g => g.Exposure.Total.Amount).Sum());
            Assert.Equal(customers.Length, groups.Sum(g => g.Members.Count));
            var expectedOne = (policy.IncludeOpenReceivables ? customers[0].OpenReceivables.Amount : 0m)
                + (policy.IncludeShippedNotInvoiced ? customers[0].ShippedNotInvoiced.Amount : 0m)
                + (policy.IncludeOpenOrders ? customers[0].OpenOrders.Amount : 0m);
            Assert.Equal(expectedOne, calculator.ForCustomer(customers[0]).Exposure.Total.Amount);
        }
    }

    [Fact]
    public void Ctor_NegativeOrMixedCurrency_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => new CustomerOpenItems("C1", null, M(-1m), M(0m), M(0m)));
        Assert.Throws<CurrencyMismatchException>(() => new CustomerOpenItems("C1", null, M(1m), Money.Of(1m, "EUR"), M(0m)));
    }

    [Fact]
    public void ByGroup_DuplicateCustomer_Throws()
    {
        // Arrange
        var twice = new[] { new CustomerOpenItems("C1", null, M(1m), M(0m), M(0m)), new CustomerOpenItems("C1", "G", M(1m), M(0m), M(0m)) };

        // Act / Assert
        Assert.Throws<ArgumentException>(() => new ExposureCalculator(ExposurePolicy.Default).ByGroup(twice, Cny));
    }

    [Fact]
    public void Parse_MissingAndWrongFlags_ListsEveryProblem()
    {
        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => ExposurePolicy.Parse("""{ "includeOpenReceivables": "yes", "includeOpenOrders": true, "includeOpenOrder": true }"""));

        // Assert
        Assert.Equal(
            [
                "$.includeOpenOrder: unknown property (expected one of: includeOpenReceivables, includeShippedNotInvoiced, includeOpenOrders)",
                "$.includeOpenReceivables: must be true or false, was 'yes'",
                "$.includeShippedNotInvoiced: is required",
            ],
            error.Problems.Select(p => p.ToString()));
    }
}
