using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CreditFlow.Host.Security;

/// <summary>
/// A tamper-proof, expiring cookie value: <c>field.field….expiryTicks.MAC</c>, each field base64url,
/// the MAC (hex) by a labelled <see cref="Signer"/> over everything before it, compared in constant time.
/// </summary>
/// <remarks>
/// Carries the admin session (no fields, label <c>admin-session</c>) and the credit users' session.
/// The label keeps one kind of value from passing as another under the same key.
/// </remarks>
internal static class SignedValue
{
    /// <summary>The value carrying <paramref name="fields"/> until <paramref name="expires"/>.</summary>
    public static string Create(Signer signer, DateTimeOffset expires, params string[] fields)
    {
        var payload = string.Concat(fields.Select(f => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(f)) + "."))
            + expires.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return $"{payload}.{Sign(signer, payload)}";
    }

    /// <summary>The fields and expiry of an unexpired value signed by <paramref name="signer"/>; null for anything else.</summary>
    public static (string[] Fields, DateTimeOffset Expires)? Read(Signer signer, string? value, DateTimeOffset now, int fieldCount)
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
        if (!Signer.SameText(Sign(signer, payload), parts[^1]))
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
    /// the signer a value must then pass <see cref="Read"/> with, never to trust.
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

    private static string Sign(Signer signer, string payload) => Convert.ToHexString(signer.Sign(Encoding.UTF8.GetBytes(payload)));
}
