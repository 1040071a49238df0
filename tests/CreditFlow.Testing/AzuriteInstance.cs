using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CreditFlow.Testing;

/// <summary>
/// A real Azurite process on free loopback ports with a throw-away data folder, so tests never
/// touch a developer's running data. Started from the repository's own npm dependency.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    private const string DevAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Every data folder carries this marker so the test command can reap strays.</summary>
    public const string DataFolderMarker = "creditflow-test-azurite-";

    private readonly Process _process;
    private readonly StringBuilder _output;
    private bool _disposed;
    private int _disposeStarted;

    private AzuriteInstance(Process process, StringBuilder output, string dataFolder, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        DataFolder = dataFolder;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public string DataFolder { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>Azurite's (node's) process id.</summary>
    public int ProcessId => _process.Id;

    public bool IsRunning => !_disposed && !_process.HasExited;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    /// <exception cref="InvalidOperationException">Node or Azurite is missing, or Azurite did not come up.</exception>
    /// <param name="startTimeout">How long to wait for all three services (default 60 s).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="accessLog">
    /// When given, Azurite writes its access log (no <c>--silent</c>) and every stdout line is offered
    /// here; lines it returns false for are kept with the other output for error messages.
    /// </param>
    /// <param name="inMemoryPersistence">Keep everything in memory (<c>--inMemoryPersistence</c>): no
    /// periodic save of the whole table database to disk, whose pauses block the emulator.</param>
    /// <param name="package">
    /// Another copy of the Azurite package to run (a folder holding <c>dist/</c>), its dependencies still resolved from the
    /// repository's node_modules; null for the repository's own.
    /// </param>
    public static async Task<AzuriteInstance> StartAsync(
        TimeSpan? startTimeout = null, CancellationToken cancellationToken = default, Func<string, bool>? accessLog = null, bool inMemoryPersistence = false,
        string? package = null)
    {
        var modules = Path.Combine(RepositoryRoot.Find(), "node_modules");
        var script = Path.Combine(package ?? Path.Combine(modules, "azurite"), "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at '{script}'. Run 'npm ci' in the repository root (the test command does this).");
        }

        var dataFolder = Directory.CreateTempSubdirectory(DataFolderMarker).FullName;
        var (blob, queue, table) = FreePorts();
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        if (package is not null)
        {
            info.Environment["NODE_PATH"] = modules;
        }

        if (accessLog is null)
        {
            info.ArgumentList.Add("--silent");
        }

        // Azurite refuses a location with in-memory persistence; the folder then stays empty.
        info.ArgumentList.Add(inMemoryPersistence ? "--inMemoryPersistence" : "--location");
        if (!inMemoryPersistence)
        {
            info.ArgumentList.Add(dataFolder);
        }

        foreach (var arg in new[]
        {
            "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && accessLog?.Invoke(e.Data) != true)
            {
                Keep(output, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new AzuriteInstance(process, output, dataFolder, blob, queue, table);
        try
        {
            await instance.WaitUntilListeningAsync(startTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Keeps output for error messages, bounded so a long run cannot grow it without end.</summary>
    private static void Keep(StringBuilder output, string? line)
    {
        lock (output)
        {
            if (line is not null && output.Length < 20_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsConnectionAsync(port))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}:\n{Output}");
                }

                if (deadline.IsCancellationRequested)
                {
                    throw new InvalidOperationException($"Azurite did not listen on port {port} within {timeout.TotalSeconds:0} s:\n{Output}");
                }

                // Polling a socket for readiness is the one wait that has no event to await.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private string Output
    {
        get { lock (_output) { return _output.ToString(); } }
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

    /// <summary>Three distinct free ports: all three are held at once while chosen, so the system cannot hand one out twice.</summary>
    private static (int Blob, int Queue, int Table) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Stops Azurite and deletes its data folder.</summary>
    /// <remarks>Safe to call more than once and from several places (e.g. a watchdog).</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
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
            // Already gone.
        }

        _disposed = true;
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A stray file handle; the folder lives in the temp dir and is reaped by the test command.
        }
    }
}
