using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CreditFlow.Testing;

namespace CreditFlow.Bench;

/// <summary>
/// An <see cref="AzuriteInstance"/> started with its access log on (no <c>--silent</c>): one
/// morgan "common" line per HTTP request it answers, for blob, queue and table alike, whoever sent it.
/// Counting those lines counts every storage request of every process on the hub.
/// </summary>
internal sealed partial class LoggedAzurite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private AzuriteInstance _azurite = null!;
    private long _requests;

    public string DataFolder => _azurite.DataFolder;

    public string ConnectionString => _azurite.ConnectionString;

    public int ProcessId => _azurite.ProcessId;

    /// <summary>Access-log lines seen so far (= requests Azurite answered).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests so far by method and normalised resource (hub name, partition numbers, keys and ids folded).</summary>
    public IReadOnlyDictionary<string, long> ByKind() => _byKind.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static async Task<LoggedAzurite> StartAsync(TimeSpan timeout)
    {
        var logged = new LoggedAzurite();
        logged._azurite = await AzuriteInstance.StartAsync(timeout, accessLog: logged.OnLine);
        return logged;
    }

    /// <summary>Kills Azurite (safe to call from several places, e.g. the watchdog) and deletes its data folder.</summary>
    public ValueTask DisposeAsync() => _azurite?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Counts an access-log line; other lines are left to Azurite's own output.</summary>
    private bool OnLine(string line)
    {
        var match = AccessLogLine().Match(line);
        if (!match.Success)
        {
            return false;
        }

        Interlocked.Increment(ref _requests);
        _byKind.AddOrUpdate($"{match.Groups["method"].Value} {Normalise(match.Groups["url"].Value)} {match.Groups["status"].Value}", 1, (_, n) => n + 1);
        return true;
    }

    /// <summary>"/devstoreaccount1/benchab12Instances(PartitionKey='x',RowKey='')?$filter=..&amp;timeout=30" → "/{hub}Instances()?$filter&amp;timeout".</summary>
    internal static string Normalise(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? url : url[..q];
        var query = q < 0 ? string.Empty : url[(q + 1)..];
        path = Uri.UnescapeDataString(path);
        if (path.StartsWith("/devstoreaccount1", StringComparison.Ordinal))
        {
            path = path["/devstoreaccount1".Length..];
        }

        path = Keys().Replace(path, "()");
        path = HubName().Replace(path, "{hub}");
        path = Guid().Replace(path, "{id}");
        path = Digits().Replace(path, "N");
        var keys = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => p[0] is "comp" or "restype" && p.Length == 2 ? $"{p[0]}={p[1]}" : Uri.UnescapeDataString(p[0]))
            .Where(k => k is not "timeout" and not "popreceipt")
            .Order(StringComparer.Ordinal);
        var joined = string.Join('&', keys);
        return joined.Length == 0 ? path : $"{path}?{joined}";
    }

    // morgan "common": 127.0.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET /devstoreaccount1/x HTTP/1.1" 200 123
    [GeneratedRegex("""^\S+ \S+ \S+ \[[^\]]*\] "(?<method>[A-Z]+) (?<url>\S+) HTTP/[0-9.]+" (?<status>\d{3})""")]
    private static partial Regex AccessLogLine();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Keys();

    // Hub names of this bench: "so1p"/"so2p" (ScaleOutBench.NewHubName) or "bench" + label (BenchHub), then hex; queues and containers use them lower-cased.
    [GeneratedRegex("(?:so[0-9]+p|bench[a-z]+?)[0-9a-f]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex HubName();

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
