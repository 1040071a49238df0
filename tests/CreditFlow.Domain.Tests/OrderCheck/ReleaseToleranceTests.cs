using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Domain.Tests.OrderCheck;

public sealed class ReleaseToleranceTests
{
    private static readonly DateOnly ReleasedOn = new(2026, 3, 1);

    private static readonly OrderCreditCheck Checker = new(OrderCheckPolicy.Default, AuthorityMatrix.Default);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    // An over-limit customer: every fresh check holds, so only the release can let a shipment through.
    private static readonly CreditProfile Profile = new("C1", CreditClass.B, M(100_000m));

    private static readonly CreditExposure Exposure = new(M(100_000m), M(0m), M(0m));

    private static readonly OrderRelease Release = new("O1", M(200_000m), ReleasedOn);

    [Theory]
    [InlineData("200000", 0, true)]
    [InlineData("210000", 10, true)] // +5% and 10 days: the edge of the tolerance
    [InlineData("210000.01", 10, false)] // a cent above +5%
    [InlineData("150000", 11, false)] // a day too late
    [InlineData("150000", -1, false)] // before the release
    public void CheckShipment_AgainstRelease_CoveredOnlyWithinTolerance(string amount, int daysAfterRelease, bool covered)
    {
        // Arrange
        var today = ReleasedOn.AddDays(daysAfterRelease);
        var shipment = new OrderRequest("O1", M(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), ReleasedOn);

        // Act
        var decision = Checker.CheckShipment(Profile, Exposure, [], shipment, Release, today);

        // Assert
        Assert.Equal(covered, decision.CoveredByRelease);
        Assert.Equal(covered ? OrderOutcome.Pass : OrderOutcome.Hold, decision.Outcome);
    }

    [Fact]
    public void CheckShipment_ReleaseOfAnotherOrder_CheckedAfresh()
    {
        // Arrange
        var shipment = new OrderRequest("O2", M(1_000m), ReleasedOn);

        // Act
        var decision = Checker.CheckShipment(Profile, Exposure, [], shipment, Release, ReleasedOn);

        // Assert
        Assert.False(decision.CoveredByRelease);
        Assert.Equal(OrderOutcome.Hold, decision.Outcome);
    }

    [Fact]
    public void Parse_InvalidPolicy_ListsEveryProblemWithPath()
    {
        // Arrange
        const string json = """
            { "stopLineDaysOverdue": 0,
              "releaseTolerance": { "amountShare": 5, "days": -1 },
              "minimumApprover": { "OverLimit": "Manager", "Late": "CreditCommittee" } }
            """;

        // Act
        var error = Assert.Throws<Domain.Configuration.InvalidConfigurationException>(() => OrderCheckPolicy.Parse(json));

        // Assert
        var problems = error.Problems.Select(p => p.ToString()).ToArray();
        Assert.Contains("$.stopLineDaysOverdue: must be at least 1 day, was 0", problems);
        Assert.Contains("$.releaseTolerance.amountShare: must be a share between 0 and 1 (0.05 = +5%), was 5", problems);
        Assert.Contains("$.releaseTolerance.days: must not be negative, was -1", problems);
        Assert.Contains(problems, p => p.StartsWith("$.minimumApprover.Late: unknown property", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.minimumApprover.OverLimit: must be one of SalesRep", StringComparison.Ordinal));
        Assert.Equal(5, problems.Length);
    }

    [Fact]
    public void Default_ShippedPolicy_HasTheDocumentedNumbers()
    {
        // Act
        var policy = OrderCheckPolicy.Default;

        // Assert
        Assert.Equal((30, 0.05m, 10), (policy.StopLineDaysOverdue, policy.ReleaseAmountTolerance, policy.ReleaseDaysTolerance));
    }
}
