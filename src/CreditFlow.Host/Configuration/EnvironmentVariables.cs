using System.Collections;

namespace CreditFlow.Host.Configuration;

internal static class EnvironmentVariables
{
    public static IReadOnlyDictionary<string, string?> Read() =>
        Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
}
