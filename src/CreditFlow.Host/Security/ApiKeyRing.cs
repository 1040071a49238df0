using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// The API keys configured as <c>ApiKeys__N__Name</c>, <c>ApiKeys__N__Role</c> and
/// <c>ApiKeys__N__Sha256</c>, validated once at start-up. Keys are known only by their SHA-256,
/// so a leaked configuration does not leak a usable key.
/// </summary>
internal sealed partial class ApiKeyRing
{
    private const string Section = "ApiKeys";
    private const int MaxNameLength = 100;

    private readonly ApiKey[] _keys;
    private readonly byte[][] _hashes;

    private ApiKeyRing(IReadOnlyList<ApiKey> keys)
    {
        _keys = [.. keys];
        _hashes = [.. keys.Select(k => k.Sha256.ToArray())];
    }

    public IReadOnlyList<ApiKey> Keys => _keys;

    /// <summary>Reads and validates every <c>ApiKeys__N</c> entry; an entry whose three values are all empty is ignored.</summary>
    /// <exception cref="SettingsException">An entry is incomplete, malformed or duplicates another; the message names the setting.</exception>
    public static ApiKeyRing From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = new List<(int Index, ApiKey Key)>();
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var (name, role, sha256) = (entry["Name"]?.Trim(), entry["Role"]?.Trim(), entry["Sha256"]?.Trim());
            if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(role) && string.IsNullOrEmpty(sha256))
            {
                continue;
            }

            if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new SettingsException($"{Section}__{entry.Key}", $"API keys are numbered: {Section}__0__Name, {Section}__1__Name, ...");
            }

            var key = new ApiKey(ReadName(index, name), ReadRole(index, role), ReadHash(index, sha256));
            if (keys.FirstOrDefault(k => string.Equals(k.Key.Name, key.Name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } sameName)
            {
                throw new SettingsException(Setting(index, "Name"), $"'{key.Name}' is already the name of {Setting(sameName.Index, "Name")}; the decision log must tell callers apart.");
            }

            if (keys.FirstOrDefault(k => k.Key.Sha256.SequenceEqual(key.Sha256)) is { Key: not null } sameHash)
            {
                throw new SettingsException(Setting(index, "Sha256"), $"is the same key as {Setting(sameHash.Index, "Sha256")}; give each caller its own key.");
            }

            keys.Add((index, key));
        }

        return new ApiKeyRing(keys.OrderBy(k => k.Index).Select(k => k.Key).ToList());
    }

    /// <summary>The key whose SHA-256 matches <paramref name="presented"/>, or null.</summary>
    /// <remarks>Every configured hash is compared in constant time, and the loop never stops early, so timing tells nothing about the keys.</remarks>
    public ApiKey? Find(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _hashes[i]))
            {
                found = _keys[i];
            }
        }

        return found;
    }

    private static string ReadName(int index, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new SettingsException(Setting(index, "Name"), "is required: who holds the key, as the decision log records the caller.");
        }

        return name.Length <= MaxNameLength && !name.Any(char.IsControl)
            ? name
            : throw new SettingsException(Setting(index, "Name"), $"must be at most {MaxNameLength} printable characters.");
    }

    private static CreditRole ReadRole(int index, string? role)
    {
        var match = Enum.GetNames<CreditRole>().FirstOrDefault(n => string.Equals(n, role, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? Enum.Parse<CreditRole>(match)
            : throw new SettingsException(Setting(index, "Role"), $"must be one of {string.Join(", ", Enum.GetNames<CreditRole>())} (was '{role}').");
    }

    private static byte[] ReadHash(int index, string? sha256) =>
        sha256 is not null && LowercaseSha256().IsMatch(sha256)
            ? Convert.FromHexString(sha256)
            : throw new SettingsException(
                Setting(index, "Sha256"),
                "must be the SHA-256 of the key as 64 lowercase hex characters, e.g. the output of: printf %s \"$KEY\" | sha256sum");

    private static string Setting(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"{Section}__{index}__{field}");

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowercaseSha256();
}
