namespace CreditFlow.Host.Configuration;

/// <summary>Checks the shape of a storage connection string before any client is built from it.</summary>
internal static class StorageConnection
{
    public static void Validate(string connectionString)
    {
        if (connectionString.Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Any(p => !p.Contains('=', StringComparison.Ordinal)))
        {
            throw new SettingsException("AzureWebJobsStorage", "must be 'UseDevelopmentStorage=true' or a list of Name=Value pairs separated by ';'.");
        }

        var names = parts.Select(p => p[..p.IndexOf('=', StringComparison.Ordinal)]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!names.Contains("AccountName") && !names.Contains("TableEndpoint"))
        {
            throw new SettingsException("AzureWebJobsStorage", "names no AccountName or TableEndpoint.");
        }
    }
}
