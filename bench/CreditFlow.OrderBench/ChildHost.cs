using System.Diagnostics;
using System.Globalization;

namespace CreditFlow.OrderBench;

/// <summary>
/// A second host in its own process (this bench relaunched in <see cref="ServeMode"/>), on the same storage
/// prefix and task hub as the in-process one: two processes of the app contending for the same customers.
/// Its stderr, and any stdout line that is not an answer, go to this process's stderr.
/// </summary>
internal sealed class ChildHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _tag;

    private ChildHost(Process process, string tag)
    {
        _process = process;
        _tag = tag;
    }

    /// <summary>The child's base address, once it has said it.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>CPU the child has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ChildHost> StartAsync(string connectionString, string name, int number)
    {
        var tag = $"[host {number}] ";
        var process = new Process { StartInfo = SelfLaunch(ServeMode.Flag, connectionString, name) };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(tag + e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        var child = new ChildHost(process, tag);
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            var line = await child.ReadAnswerAsync(l => l.StartsWith("http://", StringComparison.Ordinal), timeout.Token);
            child.Address = new Uri(line);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>The child's ledger storage requests since it started.</summary>
    public async Task<long> TallyAsync()
    {
        await _process.StandardInput.WriteLineAsync("tally");
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(StopTimeout);
        var line = await ReadAnswerAsync(l => l.Length > 0 && l.All(char.IsAsciiDigit), timeout.Token);
        return long.Parse(line, CultureInfo.InvariantCulture);
    }

    /// <summary>Closes its stdin (its signal to stop) and waits for it; kills it if it does not stop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(StopTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine(_tag + "did not stop; killing it");
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>This bench's own entry point again, whether it runs as <c>dotnet x.dll</c> or as its own executable.</summary>
    private static ProcessStartInfo SelfLaunch(params string[] args)
    {
        var runner = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(runner)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(runner) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ChildHost).Assembly.Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>The next stdout line <paramref name="isAnswer"/> accepts (trimmed); lines before it are passed on to stderr.</summary>
    private async Task<string> ReadAnswerAsync(Func<string, bool> isAnswer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{_tag}exited before answering (see its lines above).");
            if (isAnswer(line.Trim()))
            {
                return line.Trim();
            }

            Console.Error.WriteLine(_tag + line);
        }
    }
}
