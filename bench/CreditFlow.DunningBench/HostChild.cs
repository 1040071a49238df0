using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.DunningBench;

/// <summary>
/// The real host (<c>dotnet CreditFlow.Host.dll</c>) in a child process, so its memory and CPU are its own: Development
/// (mail to the local outbox), the rehearsal clock, the ERP's signing key, an admin key, timers looked for every second,
/// dunning steps taken at 00:00 UTC of their day (so an advance by whole days reaches them whatever the time of day).
/// </summary>
internal sealed class HostChild : IDisposable
{
    public const string SigningKey = "bench-erp-signing-key-0123456789-abcdef";
    public const string AdminKey = "bench-admin-api-key-0123456789-abcdef";
    public const string HubName = "dunningbench";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _tail = new();
    private int _problems;
    private int _disposed;

    private HostChild(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lines the host logged at warning level or above.</summary>
    public int ProblemLines => Volatile.Read(ref _problems);

    public string RecentLog
    {
        get
        {
            lock (_tail)
            {
                return _tail.ToString();
            }
        }
    }

    public static HostChild Start(string hostDll, string connectionString)
    {
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"CreditFlow.Host.dll not found at '{hostDll}'. Build the bench (it builds the host in the same configuration) or pass --host-dll.");
        }

        var folder = Directory.CreateTempSubdirectory("creditflow-dunningbench-").FullName;
        File.WriteAllText(Path.Combine(folder, "host.json"), """{ "version": "2.0", "extensions": { "durableTask": { "storageProvider": { "partitionCount": 4 } } } }""");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            ["AzureFunctionsJobHost__logging__LogLevel__Default"] = "Warning",
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = HubName,
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
            ["Clock__Mode"] = "Rehearsal",
            ["Dunning__StepTimeOfDay"] = "00:00:00",
            ["Erp__SigningKeys__0"] = SigningKey,
            ["ApiKeys__0__Name"] = "Bench admin",
            ["ApiKeys__0__Role"] = "Admin",
            ["ApiKeys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey))),
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var host = new HostChild(process, folder, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Resident set now (VmRSS) and its peak (VmHWM), in MB; null when unreadable.</summary>
    public (double? Now, double? Peak) MemoryMb()
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{_process.Id}/status");
            return (Kb(lines, "VmRSS:"), Kb(lines, "VmHWM:"));
        }
        catch (IOException)
        {
            return (null, null);
        }

        static double? Kb(string[] lines, string key) =>
            lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line
                ? Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0, 1)
                : null;
    }

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
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
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

        lock (_tail)
        {
            _tail.AppendLine(line);
            if (_tail.Length > 16_000)
            {
                _tail.Remove(0, _tail.Length - 8_000);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
