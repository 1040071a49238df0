using CreditFlow.Storage.Documents;

namespace CreditFlow.Storage.Tests.Documents;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData(@"C:\Users\x\财务报表.xlsx", "____.xlsx")]
    [InlineData("../../.hidden", "hidden")]
    [InlineData("", "document")]
    [InlineData("???", "document")]
    [InlineData("a b#c.pdf", "a_b_c.pdf")]
    public void Sanitise_Name_Expected(string name, string expected) => Assert.Equal(expected, FileNames.Sanitise(name));

    [Fact]
    public void Sanitise_VeryLongName_KeepsExtensionWithin100()
    {
        var result = FileNames.Sanitise(new string('a', 300) + ".pdf");

        Assert.Equal(100, result.Length);
        Assert.EndsWith(".pdf", result, StringComparison.Ordinal);
    }
}
