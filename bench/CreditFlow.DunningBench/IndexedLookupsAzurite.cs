using System.Text.RegularExpressions;
using CreditFlow.Testing;

namespace CreditFlow.DunningBench;

/// <summary>
/// A throw-away copy of the repository's Azurite whose table store finds rows the way the storage service does: by partition
/// first. The repository's own copy is never touched; the tests always run it as installed.
/// </summary>
/// <remarks>
/// Azurite 3.37.0 keeps each table as one in-memory collection indexed on PartitionKey and RowKey, but
/// <list type="bullet">
/// <item>looks a row up by its RowKey first and then walks every row sharing that RowKey — the engine's "sentinel" and
/// "outbox" rows of every instance, the index's empty RowKey of every instance — so each point read or write of them
/// costs time in proportion to the number of instances;</item>
/// <item>answers every query, a single partition's too, by evaluating its filter on every row of the table, so each
/// instance load walks the whole History table, which grows with every step of every instance.</item>
/// </list>
/// The copy changes exactly these two places: a point lookup asks for the PartitionKey before the RowKey, and a query whose
/// filter starts with <c>PartitionKey eq '…'</c> (and has no <c>or</c>) narrows to that partition through the index before the
/// same filter runs on what is left. Results are unchanged; only the work to find them is. The bench records which emulator
/// it ran on, and bench/README.md gives the figures of both.
/// </remarks>
internal static partial class IndexedLookupsAzurite
{
    private const string StoreFile = "dist/src/table/persistence/LokiTableMetadataStore.js";

    private const string WalkEveryRow = "            .chain()\n            .where(queryWhere)";
    private const string NarrowToPartition =
        "            .chain()\n" +
        "            .find(creditflowPartitionOf(queryOptions.filter))\n" +
        "            .where(queryWhere)";

    private const string PartitionOfFilter = """

        // Added by CreditFlow's dunning bench (a throw-away copy): the partition a filter is confined to, so the index finds it.
        function creditflowPartitionOf(filter) {
            const match = /^\s*\(?\s*PartitionKey eq '((?:[^']|'')*)'\s*(\)|and |$)/.exec(filter || "");
            return match && !/\sor\s/i.test(filter) ? { PartitionKey: match[1].replace(/''/g, "'") } : undefined;
        }
        """;

    /// <summary>Copies the installed Azurite to a temporary folder, changes its table lookups, and returns that folder.</summary>
    /// <exception cref="InvalidOperationException">The installed Azurite is not the version whose code this changes.</exception>
    public static string Prepare()
    {
        var installed = Path.Combine(RepositoryRoot.Find(), "node_modules", "azurite");
        var copy = Directory.CreateTempSubdirectory("creditflow-azurite-indexed-").FullName;
        File.Copy(Path.Combine(installed, "package.json"), Path.Combine(copy, "package.json"));
        CopyFolder(Path.Combine(installed, "dist"), Path.Combine(copy, "dist"));

        var store = Path.Combine(copy, StoreFile);
        var code = File.ReadAllText(store).Replace("\r\n", "\n", StringComparison.Ordinal);
        var lookups = LookupByRowKeyFirst().Count(code);
        var walks = code.Split(WalkEveryRow).Length - 1;
        if (lookups < 4 || walks != 1)
        {
            throw new InvalidOperationException(
                $"The installed Azurite's {StoreFile} is not the code --indexed-lookups changes (found {lookups} row lookups by RowKey first, " +
                $"{walks} query walks; expected at least 4 and exactly 1). Run without --indexed-lookups.");
        }

        code = LookupByRowKeyFirst().Replace(code, "${indent}PartitionKey: ${partition},\n${indent2}RowKey: ${row}\n")
            .Replace(WalkEveryRow, NarrowToPartition, StringComparison.Ordinal)
            + PartitionOfFilter;
        File.WriteAllText(store, code);
        return copy;
    }

    /// <summary>A lookup object naming the RowKey before the PartitionKey: LokiJS filters by its first property first.</summary>
    [GeneratedRegex(@"(?<indent>[ ]*)RowKey: (?<row>[\w.]+),\n(?<indent2>[ ]*)PartitionKey: (?<partition>[\w.]+)\n")]
    private static partial Regex LookupByRowKeyFirst();

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
