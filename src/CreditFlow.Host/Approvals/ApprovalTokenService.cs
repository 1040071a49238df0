using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditFlow.Host.Security;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// Issues and checks the tokens in approval links: <c>base64url(payload JSON) "." base64url(HMAC-SHA256)</c>.
/// Stateless: validation needs only the key; single use is the <see cref="ApprovalTokenLedger"/>'s job.
/// </summary>
internal sealed class ApprovalTokenService(SigningKeys keys, IOptions<ApprovalOptions> options, TimeProvider time)
{
    // Far above a real token (~300 chars); stops oversized input before any decoding.
    private const int MaxTokenLength = 4096;

    private readonly TimeSpan _lifetime = options.Value.TokenLifetime;

    /// <summary>A token for <paramref name="approverEmail"/> in <paramref name="approverRole"/> to answer <paramref name="step"/> of <paramref name="instanceId"/>.</summary>
    public string Issue(string instanceId, string step, string approverEmail, string approverRole)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentException.ThrowIfNullOrWhiteSpace(approverEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(approverRole);

        // Whole seconds: the payload stores Unix seconds, and the claims must round-trip exactly.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var payload = new Payload(
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            instanceId,
            step,
            approverEmail,
            approverRole,
            now.ToUnixTimeSeconds(),
            (now + _lifetime).ToUnixTimeSeconds());
        var encodedPayload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        return $"{encodedPayload}.{Sign(encodedPayload)}";
    }

    /// <summary>Checks the token against the current time.</summary>
    public ApprovalTokenValidation Validate(string? token) => Validate(token, time.GetUtcNow());

    /// <summary>Checks shape, then signature (constant time), then expiry; a token expires at its expiry instant.</summary>
    public ApprovalTokenValidation Validate(string? token, DateTimeOffset now)
    {
        if (token is null || token.Length > MaxTokenLength || token.Split('.') is not [var encodedPayload, var signature]
            || !IsBase64UrlText(encodedPayload) || !IsBase64UrlText(signature))
        {
            return new ApprovalTokenValidation.Malformed();
        }

        // Compared as canonical text, not decoded bytes: base64url leaves spare bits in the last
        // character, and a signature with them flipped must not pass.
        if (!Signer.SameText(Sign(encodedPayload), signature)
            && (keys.PreviousApprovalLinks is not { } previous || !Signer.SameText(Sign(previous, encodedPayload), signature)))
        {
            return new ApprovalTokenValidation.Tampered();
        }

        var claims = ReadClaims(encodedPayload);
        if (claims is null)
        {
            return new ApprovalTokenValidation.Malformed();
        }

        return now >= claims.ExpiresAt ? new ApprovalTokenValidation.Expired(claims) : new ApprovalTokenValidation.Valid(claims);
    }

    // The alphabet only, not Base64Url.IsValid: a signature whose spare bits were flipped is
    // still token-shaped, and must be reported as tampered rather than malformed.
    private static bool IsBase64UrlText(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private string Sign(string encodedPayload) => Sign(keys.ApprovalLinks, encodedPayload);

    private static string Sign(Signer signer, string encodedPayload) =>
        Base64Url.EncodeToString(signer.Sign(Encoding.ASCII.GetBytes(encodedPayload)));

    private static ApprovalClaims? ReadClaims(string encodedPayload)
    {
        try
        {
            var p = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(encodedPayload));
            if (p is null || string.IsNullOrEmpty(p.TokenId) || string.IsNullOrEmpty(p.InstanceId) || string.IsNullOrEmpty(p.Step)
                || string.IsNullOrEmpty(p.ApproverEmail) || string.IsNullOrEmpty(p.ApproverRole))
            {
                return null;
            }

            return new ApprovalClaims(p.TokenId, p.InstanceId, p.Step, p.ApproverEmail, p.ApproverRole,
                DateTimeOffset.FromUnixTimeSeconds(p.IssuedAt), DateTimeOffset.FromUnixTimeSeconds(p.ExpiresAt));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    // Short names keep the link short.
    private sealed record Payload(
        [property: JsonPropertyName("jti")] string TokenId,
        [property: JsonPropertyName("ins")] string InstanceId,
        [property: JsonPropertyName("stp")] string Step,
        [property: JsonPropertyName("eml")] string ApproverEmail,
        [property: JsonPropertyName("rol")] string ApproverRole,
        [property: JsonPropertyName("iat")] long IssuedAt,
        [property: JsonPropertyName("exp")] long ExpiresAt);
}
