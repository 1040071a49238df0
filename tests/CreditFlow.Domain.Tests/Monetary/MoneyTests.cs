using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Tests.Monetary;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("800000", "800,000.00 CNY")]
    [InlineData("100000.5", "100,000.50 CNY")]
    [InlineData("1234567.891", "1,234,567.891 CNY")]
    [InlineData("0.5", "0.50 CNY")]
    [InlineData("999", "999.00 CNY")]
    [InlineData("-1500", "-1,500.00 CNY")]
    public void ToString_ThousandsSeparatedAtLeastTwoDecimalsThenCurrency(string amount, string expected)
    {
        var money = Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "CNY");

        Assert.Equal(expected, money.ToString());
    }
}
