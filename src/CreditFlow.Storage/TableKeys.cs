namespace CreditFlow.Storage;

/// <summary>Guards for the ids that become table keys or blob name parts.</summary>
internal static class TableKeys
{
    /// <summary>Azure Tables forbids '/', '\', '#', '?' and control characters in keys; keys are at most 1 KiB.</summary>
    /// <exception cref="ArgumentException">The id is empty, too long or holds a forbidden character.</exception>
    public static string Check(string? id, string paramName)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 256 || id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"'{id}' is not a valid id: it must be 1-256 characters without '/', '\\', '#', '?' or control characters.", paramName);
        }

        return id;
    }

    /// <summary>Escapes a string for an OData filter literal.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
