using CreditFlow.Domain.Roles;
using CreditFlow.Host.Approvals;
using CreditFlow.Host.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Approvals;

public sealed class SignedApprovalLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly ApprovalTokenService _tokens = new(
        new SigningKeys("a-test-signing-key-of-at-least-32-characters"), Options.Create(new ApprovalOptions()), new FakeTimeProvider(Now));

    [Theory]
    [InlineData("http://localhost:7071", "http://localhost:7071/approvals/")]
    [InlineData("https://credit.example.com/", "https://credit.example.com/approvals/")]
    [InlineData("https://example.com/creditflow", "https://example.com/creditflow/approvals/")]
    [InlineData("https://example.com/creditflow/", "https://example.com/creditflow/approvals/")]
    public void Create_UnderPublicBaseUrl(string baseUrl, string expectedPrefix)
    {
        var link = new SignedApprovalLinks(_tokens, new Uri(baseUrl)).Create("approval-1", "1.1-CreditOfficer", "officer@example.com", CreditRole.CreditOfficer);

        Assert.StartsWith(expectedPrefix, link.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain('/', link.AbsoluteUri[expectedPrefix.Length..]);
    }

    [Fact]
    public void Create_TokenBindsInstanceStepApproverAndRole()
    {
        var link = new SignedApprovalLinks(_tokens, new Uri("http://localhost:7071")).Create("approval-1", "1.2-CreditManager", "manager@example.com", CreditRole.CreditManager);

        var token = link.AbsolutePath["/approvals/".Length..];
        var claims = Assert.IsType<ApprovalTokenValidation.Valid>(_tokens.Validate(token)).Claims;
        Assert.Equal(("approval-1", "1.2-CreditManager", "manager@example.com", "CreditManager"), (claims.InstanceId, claims.Step, claims.ApproverEmail, claims.ApproverRole));
        Assert.Equal(Now.AddDays(5), claims.ExpiresAt);
    }
}
