using System.Diagnostics;
using System.Globalization;

namespace CreditFlow.OrderBench;

/// <summary>
/// Freezes Azurite (SIGSTOP to its node process) at a moment of the run and thaws it (SIGCONT) after a
/// while: storage that stops answering for seconds, as a failing-over or paused storage service does.
/// Uses the <c>kill</c> command, whose signal names are the same on every Unix.
/// </summary>
internal sealed class AzuriteStall(int processId, TimeSpan at, TimeSpan length)
{
    /// <summary>When the stop was sent, on the run's clock (seconds).</summary>
    public double? StoppedAt { get; private set; }

    /// <summary>When the continue was sent, on the run's clock (seconds).</summary>
    public double? ResumedAt { get; private set; }

    public async Task RunAsync(Stopwatch clock)
    {
        var wait = at - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await SignalAsync("STOP");
        StoppedAt = Math.Round(clock.Elapsed.TotalSeconds, 3);
        try
        {
            await Task.Delay(length);
        }
        finally
        {
            // Whatever happens, never leave the emulator frozen.
            await SignalAsync("CONT");
            ResumedAt = Math.Round(clock.Elapsed.TotalSeconds, 3);
        }
    }

    private async Task SignalAsync(string signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        info.ArgumentList.Add("-" + signal);
        info.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info) ?? throw new InvalidOperationException("Could not start 'kill'.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"'kill -{signal} {processId}' exited with code {kill.ExitCode}.");
        }
    }
}
