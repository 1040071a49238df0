using System.Diagnostics;
using System.Text;

namespace CreditFlow.Testing;

/// <summary>
/// A CreditFlow host (<c>dotnet CreditFlow.Host.dll --urls http://127.0.0.1:0</c>) in its own OS
/// process, for multi-process tests and the scale-out benchmark. Its output is kept (tail) and its
/// warning/error lines counted; <see cref="Kill"/> is a SIGKILL.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private int _problems;
    private int _disposed;

    private HostProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lines the console logger wrote at warning level or above ("warn:", "fail:", "crit:").</summary>
    public int ProblemLines => Volatile.Read(ref _problems);

    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return _log.Length > 3000 ? _log.ToString(_log.Length - 3000, 3000) : _log.ToString();
            }
        }
    }

    public static HostProcess Start(string hostDll, string appFolder, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: no shutdown code runs, leases and held messages are left to expire.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Kills the process (idempotent; also called by the watchdog and on process exit).</summary>
    public void Dispose()
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
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("warn:", StringComparison.Ordinal) || trimmed.StartsWith("fail:", StringComparison.Ordinal) || trimmed.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _problems);
        }

        lock (_log)
        {
            if (Environment.GetEnvironmentVariable("HOST_PROCESS_LOG_DIR") is { Length: > 0 } folder)
            {
                // Debugging a multi-process test: every host's whole output, not only the tail the failure shows.
                File.AppendAllText(Path.Combine(folder, $"host-{_process.Id}.log"), line + Environment.NewLine);
            }

            _log.AppendLine(line);
            if (_log.Length > 64_000)
            {
                _log.Remove(0, _log.Length - 32_000);
            }
        }
    }
}
