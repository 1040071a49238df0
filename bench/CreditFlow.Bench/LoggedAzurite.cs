using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CreditFlow.Testing;

namespace CreditFlow.Bench;

/// <summary>
/// Azurite started like <see cref="AzuriteInstance"/> (repository's node_modules, free loopback ports,
/// throw-away data folder) but without <c>--silent</c>, so it writes its access log to stdout: one
/// morgan "common" line per HTTP request it answers, for blob, queue and table alike, whoever sent it.
/// Counting those lines counts every storage request of every process on the hub.
/// </summary>
internal sealed partial class LoggedAzurite : IAsyncDisposable
{
    private const string DevAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly StringBuilder _otherOutput = new();
    private long _requests;
    private int _disposed;

    private LoggedAzurite(Process process, string dataFolder, int blob, int queue, int table)
    {
        _process = process;
        DataFolder = dataFolder;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        Ports = [blob, queue, table];
    }

    public string DataFolder { get; }

    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    private int[] Ports { get; }

    /// <summary>Access-log lines seen so far (= requests Azurite answered).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests so far by method and normalised resource (hub name, partition numbers, keys and ids folded).</summary>
    public IReadOnlyDictionary<string, long> ByKind() => _byKind.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static async Task<LoggedAzurite> StartAsync(TimeSpan timeout)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at '{script}'. Run 'npm ci' in the repository root.");
        }

        var dataFolder = Directory.CreateTempSubdirectory(AzuriteInstance.DataFolderMarker).FullName;
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            script, "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--location", dataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var azurite = new LoggedAzurite(process, dataFolder, blob, queue, table);
        process.OutputDataReceived += (_, e) => azurite.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.OnOther(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await azurite.WaitUntilListeningAsync(timeout);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var match = AccessLogLine().Match(line);
        if (!match.Success)
        {
            OnOther(line);
            return;
        }

        Interlocked.Increment(ref _requests);
        _byKind.AddOrUpdate($"{match.Groups["method"].Value} {Normalise(match.Groups["url"].Value)} {match.Groups["status"].Value}", 1, (_, n) => n + 1);
    }

    private void OnOther(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_otherOutput)
        {
            if (_otherOutput.Length < 20_000)
            {
                _otherOutput.AppendLine(line);
            }
        }
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

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in Ports)
        {
            while (!await AcceptsConnectionAsync(port))
            {
                if (_process.HasExited || deadline.Elapsed > timeout)
                {
                    string output;
                    lock (_otherOutput)
                    {
                        output = _otherOutput.ToString();
                    }

                    throw new InvalidOperationException($"Azurite did not listen on port {port} (exited: {_process.HasExited}):\n{output}");
                }

                await Task.Delay(50);
            }
        }
    }

    private static async Task<bool> AcceptsConnectionAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills Azurite (safe to call from several places, e.g. the watchdog) and deletes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or not gone in time: nothing more to do from here.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp dir under the marker name; the test command reaps those.
        }
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
