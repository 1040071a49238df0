using CreditFlow.Host.Receivables;
using CreditFlow.Host.Security;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>The payment links' tokens on their own: what they bind, when they expire, and rotating the key.</summary>
public sealed class PaymentLinksTests
{
    private const string Key = "payment-links-unit-test-key-0123456789abcdef";
    private const string NewKey = "payment-links-unit-test-new-key-0123456789ab";
    private static readonly DateTimeOffset Issued = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Uri Base = new("https://credit.example.com/cf/");

    [Fact]
    public void For_Link_IsThePublicBaseUrlsPayPath_BindingCustomerInvoiceAndExpiry()
    {
        var links = Links(Key);

        var link = links.For("cust-1", "INV-7", Issued);

        Assert.StartsWith("https://credit.example.com/cf/pay/", link.AbsoluteUri, StringComparison.Ordinal);
        var check = Assert.IsType<PaymentLinkCheck.Valid>(links.Check(link.AbsoluteUri[(link.AbsoluteUri.LastIndexOf('/') + 1)..], Issued.AddDays(29)));
        Assert.Equal(("cust-1", "INV-7", Issued.AddDays(30)), (check.CustomerId, check.InvoiceId, check.ExpiresAt));
    }

    [Fact]
    public void Check_AtTheExpiry_IsExpired_NamingTheInvoice()
    {
        var links = Links(Key);

        var check = links.Check(links.Issue("cust-1", "INV-7", Issued), Issued.AddDays(30));

        Assert.Equal("INV-7", Assert.IsType<PaymentLinkCheck.Expired>(check).InvoiceId);
    }

    [Fact]
    public void Check_SignedWithAnotherKey_IsTampered()
    {
        var token = Links("another-key-entirely-0123456789abcdefghij").Issue("cust-1", "INV-7", Issued);

        Assert.IsType<PaymentLinkCheck.Tampered>(Links(Key).Check(token, Issued));
    }

    [Fact]
    public void Check_WhileRotating_ThePreviousKeysLinksStillWork_AndNewLinksUseTheNewKey()
    {
        var old = Links(Key).Issue("cust-1", "INV-7", Issued);
        var rotated = Links(NewKey, previous: Key);

        Assert.IsType<PaymentLinkCheck.Valid>(rotated.Check(old, Issued.AddDays(1)));
        Assert.IsType<PaymentLinkCheck.Tampered>(Links(Key).Check(rotated.Issue("cust-1", "INV-7", Issued), Issued.AddDays(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("a.b.123.<script>")]
    public void Check_NotTokenShaped_IsMalformed(string token) =>
        Assert.IsType<PaymentLinkCheck.Malformed>(Links(Key).Check(token, Issued));

    [Fact]
    public void Options_ShortKey_IsRefusedNamingTheSetting()
    {
        var options = new PaymentLinkOptions { SigningKey = "too-short" };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(problems, p => p.ErrorMessage!.StartsWith("PaymentLinks__SigningKey must be at least 32 characters", StringComparison.Ordinal));
    }

    private static PaymentLinks Links(string key, string? previous = null) =>
        new(new PaymentLinkKeys(key, previous), Options.Create(new PaymentLinkOptions()), Base);
}
