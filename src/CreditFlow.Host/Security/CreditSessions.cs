namespace CreditFlow.Host.Security;

/// <summary>
/// Sessions of the credit pages under <c>/credit</c>: signing in with an API key (checked by the
/// <see cref="ApiKeyRing"/>) yields a signed cookie naming the key's holder and role (<see cref="SignedValue"/>).
/// </summary>
/// <remarks>
/// The cookie is signed with a key derived from <c>Approvals__SigningKey</c> (<see cref="SigningKeys"/>; random per process
/// when unset, as for approval links: sessions then end on restart and are not shared between
/// instances). Each signature also covers the API key's hash, and every request checks the name
/// and role against the ring, so a removed, re-keyed or re-roled API key ends its sessions.
/// </remarks>
internal sealed class CreditSessions(SigningKeys signingKeys, ApiKeyRing keys, TimeProvider time)
{
    public const string CookieName = "creditflow-credit";
    public const string CookiePath = "/credit";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The configured API key <paramref name="presented"/> is, or null.</summary>
    public ApiKey? Find(string? presented) => string.IsNullOrEmpty(presented) ? null : keys.Find(presented);

    /// <summary>A cookie value signing <paramref name="key"/>'s holder in until <see cref="Lifetime"/> from now.</summary>
    public string Create(ApiKey key) =>
        SignedValue.Create(Signer(key), Now + Lifetime, key.Name, key.Role.ToString());

    /// <summary>The user of a valid, unexpired session cookie whose API key is still configured with the same role; otherwise null.</summary>
    public CreditUser? Read(string? cookie)
    {
        var name = SignedValue.Unverified(cookie, 0);
        var key = name is null ? null : keys.Keys.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
        if (key is null
            || (SignedValue.Read(Signer(key), cookie, Now, 2) ?? PreviousRead(key, cookie)) is not { } session
            || session.Fields[0] != key.Name || session.Fields[1] != key.Role.ToString())
        {
            return null;
        }

        return new CreditUser(key.Name, key.Role, session.Expires);
    }

    /// <summary>The cookie's options (<see cref="SessionCookies"/>), sent only to <c>/credit</c>.</summary>
    public static CookieOptions Options(HttpContext http) => SessionCookies.For(http, CookiePath, Lifetime);

    // The key's hash in the signed text: a new key under the same name does not inherit the old one's sessions.
    private Signer Signer(ApiKey key) => signingKeys.CreditSessions.WithLabel(Label(key));

    // While rotating the signing key, sessions opened under the previous one stay open until they expire.
    private (string[] Fields, DateTimeOffset Expires)? PreviousRead(ApiKey key, string? cookie) =>
        signingKeys.PreviousCreditSessions is { } previous ? SignedValue.Read(previous.WithLabel(Label(key)), cookie, Now, 2) : null;

    // A session lasts hours of the person's real time, also while a rehearsal moves business time ahead.
    private DateTimeOffset Now => Rehearsal.RehearsalClock.RealTimeOf(time);

    private static string Label(ApiKey key) => "credit-session:" + Convert.ToHexString([.. key.Sha256]);
}
