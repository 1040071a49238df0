using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CreditFlow.Host.Approvals;
using CreditFlow.Host.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Approvals;

public sealed class ApprovalTokenServiceTests
{
    private const string SigningKey = "a-test-signing-key-of-at-least-32-characters";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly SigningKeys _key = new SigningKeys(SigningKey);

    [Fact]
    public void Validate_IssuedToken_ValidWithClaims()
    {
        var service = Service();

        var token = service.Issue("onboarding-42", "tier2", "manager@example.com", "CreditManager");

        var valid = Assert.IsType<ApprovalTokenValidation.Valid>(service.Validate(token));
        var claims = valid.Claims;
        Assert.Equal(("onboarding-42", "tier2", "manager@example.com", "CreditManager"), (claims.InstanceId, claims.Step, claims.ApproverEmail, claims.ApproverRole));
        Assert.Equal(Start, claims.IssuedAt);
        Assert.Equal(Start.AddDays(5), claims.ExpiresAt);
        Assert.False(string.IsNullOrEmpty(claims.TokenId));
    }

    [Fact]
    public void Issue_TwiceForSameApproval_DifferentTokenIds()
    {
        var service = Service();

        var first = Claims(service, service.Issue("i", "s", "a@example.com", "r"));
        var second = Claims(service, service.Issue("i", "s", "a@example.com", "r"));

        Assert.NotEqual(first.TokenId, second.TokenId);
    }

    [Fact]
    public void Validate_SameKeyAnotherServiceInstance_Valid()
    {
        // Configured keys survive restarts and scale-out: any host validates any host's token.
        var token = Service().Issue("i", "s", "a@example.com", "r");

        Assert.IsType<ApprovalTokenValidation.Valid>(new ApprovalTokenService(new SigningKeys(SigningKey), Options.Create(new ApprovalOptions()), _time).Validate(token));
    }

    [Fact]
    public void Validate_PayloadRewrittenForAnotherInstance_Tampered()
    {
        var service = Service();
        var token = service.Issue("onboarding-42", "tier2", "manager@example.com", "CreditManager");
        var (payload, signature) = Split(token);

        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)).Replace("onboarding-42", "onboarding-43", StringComparison.Ordinal);
        var forged = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json))}.{signature}";

        Assert.IsType<ApprovalTokenValidation.Tampered>(service.Validate(forged));
    }

    [Fact]
    public void Validate_PayloadCharacterChanged_Tampered()
    {
        var service = Service();
        var (payload, signature) = Split(service.Issue("i", "s", "a@example.com", "r"));

        var forged = $"{Flip(payload, 5)}.{signature}";

        Assert.IsType<ApprovalTokenValidation.Tampered>(service.Validate(forged));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(42)] // the last character: its spare bits must not go unnoticed
    public void Validate_SignatureCharacterChanged_Tampered(int position)
    {
        var service = Service();
        var (payload, signature) = Split(service.Issue("i", "s", "a@example.com", "r"));

        var forged = $"{payload}.{Flip(signature, position)}";

        Assert.IsType<ApprovalTokenValidation.Tampered>(service.Validate(forged));
    }

    [Fact]
    public void Validate_SignatureSpareBitsChanged_Tampered()
    {
        // 32 bytes fill 43 characters with 2 bits to spare: the last character's low bits decode to
        // nothing, so a check on decoded bytes would accept this altered token.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var service = Service();
        var (payload, signature) = Split(service.Issue("i", "s", "a@example.com", "r"));

        var forged = $"{payload}.{signature[..^1]}{alphabet[alphabet.IndexOf(signature[^1], StringComparison.Ordinal) + 1]}";

        Assert.IsType<ApprovalTokenValidation.Tampered>(service.Validate(forged));
    }

    [Fact]
    public void Validate_SignedWithAnotherKey_Tampered()
    {
        var token = new ApprovalTokenService(new SigningKeys("another-signing-key-of-32-characters-or-more"), Options.Create(new ApprovalOptions()), _time)
            .Issue("i", "s", "a@example.com", "r");

        Assert.IsType<ApprovalTokenValidation.Tampered>(Service().Validate(token));
    }

    [Fact]
    public void Validate_NoConfiguredKey_RandomKeyPerProcess()
    {
        var token = new ApprovalTokenService(new SigningKeys(null), Options.Create(new ApprovalOptions()), _time).Issue("i", "s", "a@example.com", "r");

        Assert.IsType<ApprovalTokenValidation.Tampered>(new ApprovalTokenService(new SigningKeys(null), Options.Create(new ApprovalOptions()), _time).Validate(token));
    }

    [Fact]
    public void Validate_OneSecondBeforeExpiry_Valid()
    {
        var service = Service();
        var token = service.Issue("i", "s", "a@example.com", "r");

        _time.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));

        Assert.IsType<ApprovalTokenValidation.Valid>(service.Validate(token));
    }

    [Fact]
    public void Validate_AtExpiry_ExpiredWithClaims()
    {
        var service = Service();
        var token = service.Issue("onboarding-42", "tier2", "manager@example.com", "CreditManager");

        _time.Advance(TimeSpan.FromDays(5));

        var expired = Assert.IsType<ApprovalTokenValidation.Expired>(service.Validate(token));
        Assert.Equal("onboarding-42", expired.Claims.InstanceId);
    }

    [Fact]
    public void Validate_ConfiguredLifetime_ExpiresThen()
    {
        var service = Service(new ApprovalOptions { TokenLifetime = TimeSpan.FromHours(2) });
        var token = service.Issue("i", "s", "a@example.com", "r");

        Assert.IsType<ApprovalTokenValidation.Valid>(service.Validate(token, Start.AddHours(2).AddSeconds(-1)));
        Assert.IsType<ApprovalTokenValidation.Expired>(service.Validate(token, Start.AddHours(2)));
    }

    [Theory]
    [InlineData("onboarding-42", "tier2", true)]
    [InlineData("onboarding-43", "tier2", false)]
    [InlineData("onboarding-42", "tier3", false)]
    public void IsFor_InstanceAndStep_OnlyTheOnesIssuedFor(string instanceId, string step, bool expected)
    {
        var service = Service();

        var claims = Claims(service, service.Issue("onboarding-42", "tier2", "manager@example.com", "CreditManager"));

        Assert.Equal(expected, claims.IsFor(instanceId, step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("a.b.c")]
    [InlineData("ab!c.def")]
    [InlineData("abc.de f")]
    public void Validate_NotATokenShape_Malformed(string? token)
    {
        Assert.IsType<ApprovalTokenValidation.Malformed>(Service().Validate(token));
    }

    [Fact]
    public void Validate_TooLong_Malformed()
    {
        Assert.IsType<ApprovalTokenValidation.Malformed>(Service().Validate(new string('a', 5000) + ".abc"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"jti\":\"x\"}")]
    [InlineData("[1,2]")]
    public void Validate_SignedPayloadNotClaims_Malformed(string payloadJson)
    {
        // Correctly signed with our key, so only the payload check can catch it.
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), "creditflow-approval-token-v1"u8);
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));

        Assert.IsType<ApprovalTokenValidation.Malformed>(Service().Validate($"{payload}.{signature}"));
    }

    [Fact]
    public void Validate_WhileRotating_LinksOfThePreviousKeyStayValid_ThenEndWithIt()
    {
        const string NewKey = "the-new-signing-key-of-at-least-32-characters";
        var mailedBefore = Service().Issue("onboarding-42", "tier2", "manager@example.com", "CreditManager");
        var options = Options.Create(new ApprovalOptions());

        var rotating = new ApprovalTokenService(new SigningKeys(NewKey, SigningKey), options, _time);
        Assert.IsType<ApprovalTokenValidation.Valid>(rotating.Validate(mailedBefore));
        var mailedNow = rotating.Issue("onboarding-42", "tier2", "manager@example.com", "CreditManager");
        Assert.IsType<ApprovalTokenValidation.Tampered>(Service().Validate(mailedNow)); // signed by the new key only

        var rotated = new ApprovalTokenService(new SigningKeys(NewKey), options, _time);
        Assert.IsType<ApprovalTokenValidation.Tampered>(rotated.Validate(mailedBefore));
        Assert.IsType<ApprovalTokenValidation.Valid>(rotated.Validate(mailedNow));
    }

    private ApprovalTokenService Service(ApprovalOptions? options = null) => new(_key, Options.Create(options ?? new ApprovalOptions()), _time);

    private static ApprovalClaims Claims(ApprovalTokenService service, string token) =>
        Assert.IsType<ApprovalTokenValidation.Valid>(service.Validate(token)).Claims;

    private static (string Payload, string Signature) Split(string token) => token.Split('.') is [var p, var s] ? (p, s) : throw new FormatException(token);

    private static string Flip(string text, int position)
    {
        var chars = text.ToCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
