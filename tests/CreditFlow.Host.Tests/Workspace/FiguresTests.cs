using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Workspace;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>How amounts read on the workspace's pages before the script puts them in the reader's locale.</summary>
public sealed class FiguresTests
{
    [Theory]
    [InlineData("100000", "CNY 100,000")]
    [InlineData("1234.5", "CNY 1,234.50")]
    [InlineData("0.07", "CNY 0.07")]
    [InlineData("-250.25", "CNY -250.25")]
    public void AnAmount_ReadsToTheCent_WhenItHasCents(string amount, string reads) =>
        Assert.Equal(reads, Figures.Amount(Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "CNY")));

    [Fact]
    public void ATotal_IsRoundedToWholeUnits() =>
        Assert.Equal("EUR 1,234,568", Figures.WholeAmount(Money.Of(1_234_567.5m, "EUR")));
}
