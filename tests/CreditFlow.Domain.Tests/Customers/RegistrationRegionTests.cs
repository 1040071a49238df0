using CreditFlow.Domain.Customers;

namespace CreditFlow.Domain.Tests.Customers;

public sealed class RegistrationRegionTests
{
    [Theory]
    [InlineData("91330200MA2AXXXX1Q", "Zhejiang")] // Ningbo: division 330200
    [InlineData("91320100-APEX", "Jiangsu")] // Nanjing, as the demo writes its numbers
    [InlineData(" 914403001922038216 ", "Guangdong")]
    [InlineData("91110000600007336Y", "Beijing")]
    [InlineData("12810000MB0E12345X", "Hong Kong")]
    public void AUnifiedSocialCreditCode_NamesItsProvince(string number, string province) =>
        Assert.Equal(province, RegistrationRegion.Of(number));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HRB 12345")] // a German register number
    [InlineData("9133")] // too short to hold a division
    [InlineData("9199000012345678XX")] // no province 99
    [InlineData("91AB0200MA2AXXXX1Q")] // the division is not digits
    public void AnythingElse_IsNotKnown(string? number) =>
        Assert.Equal(RegistrationRegion.NotKnown, RegistrationRegion.Of(number));
}
