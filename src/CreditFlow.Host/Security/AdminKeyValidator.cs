using System.Security.Cryptography;
using System.Text;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// Checks the admin key that guards <c>/runtime/webhooks/durabletask</c> and <c>/admin</c>, as Azure
/// Functions does: the <c>x-functions-key</c> header or the <c>code</c> query parameter, and for the
/// browser a signed session cookie issued after the login form. Comparisons take constant time.
/// </summary>
public sealed class AdminKeyValidator(CreditFlowSettings settings, TimeProvider time)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";
    public const string CookieName = "creditflow-admin";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    private const string SessionPurpose = "admin-session";

    private readonly byte[]? _keyDigest = settings.AdminKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;
    private Signer? _sessions;

    // Under the key's digest, so changing the admin key ends every session.
    private Signer Sessions => _sessions ??= Signer.Labelled(_keyDigest!, SessionPurpose);

    // A session lasts hours of the operator's real time, also while a rehearsal moves business time ahead.
    private DateTimeOffset Now => Rehearsal.RehearsalClock.RealTimeOf(time);

    /// <summary>False when no AdminKey is configured: then nothing admin is reachable.</summary>
    public bool IsConfigured => _keyDigest is not null;

    /// <summary>True when <paramref name="presented"/> is the admin key.</summary>
    public bool IsValidKey(string? presented) =>
        _keyDigest is not null && presented is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyDigest);

    /// <summary>True when the request carries the key (header or query) or a valid session cookie.</summary>
    public bool IsAuthorized(HttpRequest request) =>
        IsValidKey(request.Headers[HeaderName].FirstOrDefault())
        || IsValidKey(request.Query[QueryName].FirstOrDefault())
        || IsValidSession(request.Cookies[CookieName]);

    /// <summary>A cookie value proving a login until it expires (<see cref="SignedValue"/> under the key's digest).</summary>
    public string CreateSession() => SignedValue.Create(Sessions, Now + SessionLifetime);

    /// <summary>True for an unexpired session cookie signed with the current key.</summary>
    public bool IsValidSession(string? cookie) =>
        _keyDigest is not null && SignedValue.Read(Sessions, cookie, Now, fieldCount: 0) is not null;
}
