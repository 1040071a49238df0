using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Security;

/// <summary>One configured API key: who holds it, the role it carries and the SHA-256 of the key itself.</summary>
/// <param name="Name">The holder, recorded as the caller (filed by, supplied by, requested by) in the decision log.</param>
/// <param name="Sha256">The key's SHA-256; the key itself is never configured or kept.</param>
internal sealed record ApiKey(string Name, CreditRole Role, IReadOnlyList<byte> Sha256);
