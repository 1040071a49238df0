using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CreditFlow.Testing;

namespace CreditFlow.DunningBench;

/// <summary>
/// A fresh Azurite (<see cref="AzuriteInstance"/>: the repository's node_modules, free ports, throw-away data folder) with its
/// access log on: one line per request it answers, whoever sent it. Counts them all, by kind (method, table / queue /
/// container, status), and separately the saves of dunning records (a replace of an invoice row of the dunning table,
/// answered 2xx): each look of a dunning workflow ends with exactly one, so they tell the bench how many invoices have been
/// looked at without a single extra request.
/// </summary>
internal sealed partial class CountedAzurite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly string _dunningTable;
    private AzuriteInstance _azurite = null!;
    private string? _package;
    private long _requests;
    private long _dunningSaves;

    private CountedAzurite(string dunningTable) => _dunningTable = dunningTable;

    public string ConnectionString => _azurite.ConnectionString;

    public int ProcessId => _azurite.ProcessId;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Dunning record saves so far (a look's last write; the directory rows written at booking are not counted).</summary>
    public long DunningSaves => Interlocked.Read(ref _dunningSaves);

    public IReadOnlyDictionary<string, long> ByKind() => _byKind.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <param name="dunningTable">The dunning table, whose invoice-row replaces are the looks' saves.</param>
    /// <param name="disk">Azurite on disk rather than in memory.</param>
    /// <param name="indexedLookups">Run a copy of Azurite that finds rows by partition first (<see cref="IndexedLookupsAzurite"/>).</param>
    public static async Task<CountedAzurite> StartAsync(string dunningTable, bool disk, bool indexedLookups)
    {
        var counted = new CountedAzurite(dunningTable) { _package = indexedLookups ? IndexedLookupsAzurite.Prepare() : null };
        counted._azurite = await AzuriteInstance.StartAsync(TimeSpan.FromSeconds(60), accessLog: counted.OnLine, inMemoryPersistence: !disk, package: counted._package);
        return counted;
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (_package is not null)
        {
            Directory.Delete(_package, recursive: true);
        }
    }

    private bool OnLine(string line)
    {
        var match = AccessLogLine().Match(line);
        if (!match.Success)
        {
            return false;
        }

        Interlocked.Increment(ref _requests);
        var url = match.Groups["url"].Value;
        var path = Uri.UnescapeDataString(url.Split('?', 2)[0]);
        var segments = path.Split('/', 4, StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "(account)";
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var name = paren < 0 ? resource : resource[..paren];
        var (method, status) = (match.Groups["method"].Value, match.Groups["status"].Value);
        var item = paren >= 0 ? " row" : segments.Length > 2 ? " item" : string.Empty;
        _byKind.AddOrUpdate($"{method} {Digits().Replace(name, "N")}{item} {status}", 1, (_, n) => n + 1);
        if (method == "PUT" && status[0] == '2' && name == _dunningTable && paren >= 0 && !path.Contains("~directory", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _dunningSaves);
        }

        return true;
    }

    // morgan "common": 127.0.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET /devstoreaccount1/x HTTP/1.1" 200 123
    [GeneratedRegex("""^\S+ \S+ \S+ \[[^\]]*\] "(?<method>[A-Z]+) (?<url>\S+) HTTP/[0-9.]+" (?<status>\d{3})""")]
    private static partial Regex AccessLogLine();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
