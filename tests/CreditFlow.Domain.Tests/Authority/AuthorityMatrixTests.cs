using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Tests.Authority;

public sealed class AuthorityMatrixTests
{
    private static Money Cny(decimal amount) => Money.Of(amount, "CNY");

    [Theory]
    [InlineData("0", CreditRole.CreditOfficer)]
    [InlineData("1000000", CreditRole.CreditOfficer)]
    [InlineData("1000000.01", CreditRole.CreditManager)]
    [InlineData("5000000", CreditRole.CreditManager)]
    [InlineData("5000000.01", CreditRole.CreditCommittee)]
    [InlineData("999999999", CreditRole.CreditCommittee)]
    public void TierFor_DefaultMatrixAtBoundaries_InclusiveUpperBounds(string amount, CreditRole expected)
    {
        // Arrange
        var matrix = AuthorityMatrix.Default;

        // Act
        var tier = matrix.TierFor(Cny(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        // Assert
        Assert.Equal(expected, tier.Role);
    }

    [Fact]
    public void ApprovalSteps_NonCumulative_OnlyTheCoveringTier()
    {
        // Arrange
        var matrix = AuthorityMatrix.Default;

        // Act
        var steps = matrix.ApprovalSteps(Cny(3_000_000m));

        // Assert
        Assert.False(matrix.Cumulative);
        var step = Assert.Single(steps);
        Assert.Equal(CreditRole.CreditManager, step.Role);
        Assert.Equal(1, step.Order);
    }

    [Fact]
    public void ApprovalSteps_Cumulative_EveryLowerTierApprovesFirstInOrder()
    {
        // Arrange
        var matrix = AuthorityMatrix.Parse("""
            { "currency": "CNY", "cumulative": true,
              "tiers": [ { "role": "CreditOfficer", "upTo": 1000000 }, { "role": "CreditManager", "upTo": 5000000 }, { "role": "CreditCommittee" } ] }
            """);

        // Act
        var committee = matrix.ApprovalSteps(Cny(5_000_000.01m));
        var manager = matrix.ApprovalSteps(Cny(1_000_000.01m));
        var officer = matrix.ApprovalSteps(Cny(1_000_000m));

        // Assert
        Assert.Equal([CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee], committee.Select(s => s.Role));
        Assert.Equal([1, 2, 3], committee.Select(s => s.Order));
        Assert.Equal([CreditRole.CreditOfficer, CreditRole.CreditManager], manager.Select(s => s.Role));
        Assert.Equal([CreditRole.CreditOfficer], officer.Select(s => s.Role));
    }

    [Fact]
    public void ReconsiderationTier_RefusedByOfficer_GoesOneTierUp()
    {
        // Arrange
        var matrix = AuthorityMatrix.Default;
        var officer = matrix.TierFor(Cny(10m));

        // Act
        var first = matrix.ReconsiderationTier(officer);
        var second = matrix.ReconsiderationTier(first);
        var third = matrix.ReconsiderationTier(second);

        // Assert
        Assert.Equal(CreditRole.CreditManager, first.Role);
        Assert.Equal(CreditRole.CreditCommittee, second.Role);
        Assert.Equal(CreditRole.CreditCommittee, third.Role);
    }

    [Fact]
    public void TierFor_OtherCurrency_Throws()
    {
        // Arrange
        var matrix = AuthorityMatrix.Default;

        // Act / Assert
        Assert.Throws<CurrencyMismatchException>(() => matrix.TierFor(Money.Of(5m, "EUR")));
    }

    [Fact]
    public void TierFor_RandomAmounts_NeverLowerForALargerAmount()
    {
        // Arrange: a property over many amounts — authority is monotone in the amount.
        var matrix = AuthorityMatrix.Default;
        var random = new Random(20261122);

        for (var i = 0; i < 500; i++)
        {
            var a = Cny(random.Next(0, 8_000_000) + (random.Next(0, 100) / 100m));
            var b = Cny(a.Amount + random.Next(0, 2_000_000));

            // Act
            var lower = matrix.TierFor(a);
            var higher = matrix.TierFor(b);

            // Assert
            Assert.True(higher.Rank >= lower.Rank, $"{b} got {higher.Role} below {a}'s {lower.Role}");
            Assert.True(lower.Covers(a));
            Assert.True(lower.Rank == 0 || !matrix.Tiers[lower.Rank - 1].Covers(a));
        }
    }

    [Fact]
    public void Parse_TiersNotAscending_ListsEveryProblemWithPath()
    {
        // Arrange
        const string json = """
            { "currency": "cny", "tiers": [
                { "role": "CreditOfficer", "upTo": 1000000 },
                { "role": "CreditManager", "upTo": 500000 },
                { "role": "CreditOfficer", "upTo": 7000000 },
                { "role": "Boss", "upTo": 9000000, "extra": 1 } ] }
            """;

        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => AuthorityMatrix.Parse(json));

        // Assert
        var problems = error.Problems.Select(p => p.ToString()).ToArray();
        Assert.Contains("$.currency: must be a three-letter ISO 4217 code, was 'cny'", problems);
        Assert.Contains("$.tiers[1].upTo: must be above the previous tier's 1000000, was 500000", problems);
        Assert.Contains("$.tiers[2].role: CreditOfficer already owns a lower tier", problems);
        Assert.Contains(problems, p => p.StartsWith("$.tiers[3].role: must be one of SalesRep, CreditOfficer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.tiers[3].extra: unknown property", StringComparison.Ordinal));
        Assert.Contains("$.tiers[3].upTo: the top tier must be unbounded (omit upTo or set null), was 9000000", problems);
        Assert.Equal("authority matrix", error.Configuration);
    }

    [Fact]
    public void Parse_UnboundedLowerTierAndMissingTiers_Reported()
    {
        // Act
        var unbounded = Assert.Throws<InvalidConfigurationException>(() => AuthorityMatrix.Parse("""
            { "currency": "CNY", "tiers": [ { "role": "CreditOfficer" }, { "role": "CreditCommittee" } ] }
            """));
        var missing = Assert.Throws<InvalidConfigurationException>(() => AuthorityMatrix.Parse("""{ "currency": "CNY", "tiers": [] }"""));
        var malformed = Assert.Throws<InvalidConfigurationException>(() => AuthorityMatrix.Parse("{ not json"));

        // Assert
        Assert.Equal("$.tiers[0].upTo: only the top tier may be unbounded", Assert.Single(unbounded.Problems).ToString());
        Assert.Equal("$.tiers: must list at least one tier", Assert.Single(missing.Problems).ToString());
        Assert.StartsWith("$: not valid JSON", Assert.Single(malformed.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_BoundsNotAscending_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => new AuthorityMatrix(new Currency("CNY"), [(CreditRole.CreditOfficer, 10m), (CreditRole.CreditManager, 5m), (CreditRole.CreditCommittee, null)], false));
    }

    [Theory]
    [InlineData("500000", new[] { CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee })]
    [InlineData("1000000", new[] { CreditRole.CreditOfficer, CreditRole.CreditManager, CreditRole.CreditCommittee })]
    [InlineData("3000000", new[] { CreditRole.CreditManager, CreditRole.CreditCommittee })]
    [InlineData("5000000.01", new[] { CreditRole.CreditCommittee })]
    public void RolesWithAuthority_DefaultMatrix_TheCoveringTierAndEveryTierAbove(string amount, CreditRole[] expected)
    {
        // Arrange
        var matrix = AuthorityMatrix.Default;
        var tier = matrix.TierFor(Cny(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        // Act
        var roles = matrix.RolesWithAuthority(tier);

        // Assert
        Assert.Equal(expected, roles);
    }

    [Theory]
    [InlineData(CreditRole.CreditOfficer, CreditRole.CreditOfficer, true)]
    [InlineData(CreditRole.CreditOfficer, CreditRole.CreditManager, false)]
    [InlineData(CreditRole.CreditManager, CreditRole.CreditManager, true)]
    [InlineData(CreditRole.CreditManager, CreditRole.CreditCommittee, false)]
    [InlineData(CreditRole.CreditCommittee, CreditRole.CreditOfficer, true)]
    [InlineData(CreditRole.Finance, CreditRole.CreditOfficer, false)]
    [InlineData(CreditRole.Admin, CreditRole.CreditOfficer, false)]
    [InlineData(CreditRole.CreditManager, CreditRole.Legal, false)] // a minimum outside the matrix is the top tier's
    [InlineData(CreditRole.CreditCommittee, CreditRole.Legal, true)]
    public void HasAuthority_DefaultMatrix_TheRequiredTierOrHigher(CreditRole role, CreditRole required, bool expected)
    {
        // Act
        var has = AuthorityMatrix.Default.HasAuthority(role, required);

        // Assert
        Assert.Equal(expected, has);
    }

    [Fact]
    public void TierAtLeast_RoleOutsideTheMatrix_TheTopTier()
    {
        // Arrange
        var matrix = AuthorityMatrix.Default;

        // Act / Assert
        Assert.Equal(CreditRole.CreditManager, matrix.TierAtLeast(CreditRole.CreditManager).Role);
        Assert.Same(matrix.Top, matrix.TierAtLeast(CreditRole.Finance));
    }

    [Fact]
    public void RolesWithAuthority_TierOfAnotherMatrix_Throws()
    {
        // Arrange
        var other = new AuthorityMatrix(new Currency("CNY"), [(CreditRole.CreditManager, 10m), (CreditRole.CreditCommittee, null)], false);

        // Act / Assert
        Assert.Throws<ArgumentException>(() => AuthorityMatrix.Default.RolesWithAuthority(other.Tiers[0]));
    }
}
