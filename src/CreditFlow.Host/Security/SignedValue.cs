using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.Host.Security;

/// <summary>
/// A tamper-proof, expiring cookie value: <c>field.field….expiryTicks.HMAC</c>, each field base64url,
/// the HMAC-SHA256 (hex) taken over <c>purpose:</c> and everything before it, compared in constant time.
/// </summary>
/// <remarks>
/// Signs the admin session (no fields, purpose <c>admin-session</c>) and the credit users' session.
/// The purpose keeps one kind of value from passing as another under the same key.
/// </remarks>
internal static class SignedValue
{
    /// <summary>The value carrying <paramref name="fields"/> until <paramref name="expires"/>.</summary>
    public static string Create(byte[] key, string purpose, DateTimeOffset expires, params string[] fields)
    {
        var payload = string.Concat(fields.Select(f => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(f)) + "."))
            + expires.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return $"{payload}.{Sign(key, purpose, payload)}";
    }

    /// <summary>The fields and expiry of an unexpired value signed for <paramref name="purpose"/> with <paramref name="key"/>; null for anything else.</summary>
    public static (string[] Fields, DateTimeOffset Expires)? Read(byte[] key, string purpose, string? value, DateTimeOffset now, int fieldCount)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length != fieldCount + 2
            || !long.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks < now.UtcTicks)
        {
            return null;
        }

        var payload = value[..value.LastIndexOf('.')];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, purpose, payload)), Encoding.ASCII.GetBytes(parts[^1])))
        {
            return null;
        }

        var fields = new string[fieldCount];
        for (var i = 0; i < fieldCount; i++)
        {
            if (Decode(parts[i]) is not { } field)
            {
                return null;
            }

            fields[i] = field;
        }

        return (fields, new DateTimeOffset(ticks, TimeSpan.Zero));
    }

    /// <summary>
    /// Field <paramref name="index"/> of <paramref name="value"/> <em>before</em> any check: only to pick
    /// the key or purpose a value must then pass <see cref="Read"/> with, never to trust.
    /// </summary>
    public static string? Unverified(string? value, int index) =>
        value?.Split('.') is { } parts && index < parts.Length - 2 ? Decode(parts[index]) : null;

    private static string? Decode(string encoded)
    {
        if (!Base64Url.IsValid(encoded))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Sign(byte[] key, string purpose, string payload) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}:{payload}")));
}
