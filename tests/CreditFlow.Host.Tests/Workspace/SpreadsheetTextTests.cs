using CreditFlow.Host.Workspace.Export;

namespace CreditFlow.Host.Tests.Workspace;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"pay here\")", "'=HYPERLINK(\"http://evil.example\",\"pay here\")")]
    [InlineData("+86 571 1234", "'+86 571 1234")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void TextASpreadsheetWouldRunAsAFormula_IsMarkedAsText(string text, string cell) =>
        Assert.Equal(cell, SpreadsheetText.Safe(text));

    [Theory]
    [InlineData("Ningbo Seaside Trading Co.")]
    [InlineData("宁波海滨贸易有限公司")]
    [InlineData("1-30")]
    [InlineData(">180")]
    [InlineData("")]
    public void OtherText_IsLeftAsItIs(string text) => Assert.Equal(text, SpreadsheetText.Safe(text));
}
