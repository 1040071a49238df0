using System.Diagnostics;
using System.Runtime;

namespace CreditFlow.Bench;

/// <summary>A measured stretch of a scenario: wall time, storage requests of its hub, CPU of the bench and of Azurite.</summary>
internal sealed class Window
{
    private readonly BenchHub _bench;
    private readonly int? _azuritePid;
    private readonly Stopwatch _wall;
    private readonly long _requests;
    private readonly double _benchCpu;
    private readonly double? _azuriteCpu;

    private Window(BenchHub bench, int? azuritePid)
    {
        _bench = bench;
        _azuritePid = azuritePid;
        _requests = bench.Hub.RequestCounter.Total;
        _benchCpu = ProcessStats.OwnCpuSeconds();
        _azuriteCpu = ProcessStats.CpuSeconds(azuritePid);
        Program.Breakdown?.Reset();
        _wall = Stopwatch.StartNew();
    }

    public static Window Open(BenchHub bench, int? azuritePid) => new(bench, azuritePid);

    /// <summary>The figures from opening until now.</summary>
    public Measured Close() => new(
        _wall.Elapsed,
        _bench.Hub.RequestCounter.Total - _requests,
        ProcessStats.OwnCpuSeconds() - _benchCpu,
        ProcessStats.CpuSeconds(_azuritePid) - _azuriteCpu ?? double.NaN,
        Program.Breakdown?.Snapshot());

    /// <summary>Waits <paramref name="settle"/> for trailing work (acknowledgements, deletes), then measures again.</summary>
    public async Task<Measured> SettleAsync(TimeSpan settle)
    {
        await Task.Delay(settle);
        return Close();
    }
}

internal sealed record Measured(TimeSpan Wall, long Requests, double BenchCpu, double AzuriteCpu, IReadOnlyDictionary<string, int>? Breakdown);

/// <summary>Samples the managed heap and working set through the run, for peaks the GC does not keep.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxManagedHeap;
    private long _maxWorkingSet;

    public MemorySampler() => _loop = Task.Run(SampleAsync);

    public long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return Math.Max(self.PeakWorkingSet64, Interlocked.Read(ref _maxWorkingSet));
    }

    public object Report(long? azuritePeakResidentBytes)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return new
        {
            peakWorkingSetBytes = PeakWorkingSet(),
            peakWorkingSetMb = Program.Round(PeakWorkingSet() / 1024.0 / 1024.0),
            maxSampledManagedHeapBytes = Interlocked.Read(ref _maxManagedHeap),
            totalAllocatedBytes = GC.GetTotalAllocatedBytes(),
            gcHeapSizeBytesAtEnd = info.HeapSizeBytes,
            gcCommittedBytesAtEnd = info.TotalCommittedBytes,
            gen0Collections = GC.CollectionCount(0),
            gen1Collections = GC.CollectionCount(1),
            gen2Collections = GC.CollectionCount(2),
            gcPauseMs = Program.Round(GC.GetTotalPauseDuration().TotalMilliseconds),
            serverGc = GCSettings.IsServerGC,
            azuritePeakResidentBytes,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var self = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            self.Refresh();
            Max(ref _maxWorkingSet, self.WorkingSet64);
            Max(ref _maxManagedHeap, GC.GetTotalMemory(false));
            await Task.Delay(50, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static void Max(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
