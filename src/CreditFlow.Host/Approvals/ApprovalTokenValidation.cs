namespace CreditFlow.Host.Approvals;

/// <summary>The outcome of <see cref="ApprovalTokenService.Validate(string?, DateTimeOffset)"/>; only <see cref="Valid"/> may act.</summary>
internal abstract record ApprovalTokenValidation
{
    private ApprovalTokenValidation()
    {
    }

    /// <summary>Signed by us and unexpired. Still check <see cref="ApprovalClaims.IsFor"/> and the ledger.</summary>
    public sealed record Valid(ApprovalClaims Claims) : ApprovalTokenValidation;

    /// <summary>Well-formed, but the signature does not match the payload: altered or signed with another key.</summary>
    public sealed record Tampered : ApprovalTokenValidation;

    /// <summary>Genuine but past its expiry; the claims say which approval it was for.</summary>
    public sealed record Expired(ApprovalClaims Claims) : ApprovalTokenValidation;

    /// <summary>Not a token at all: wrong shape, bad encoding, or a payload that does not parse.</summary>
    public sealed record Malformed : ApprovalTokenValidation;
}
