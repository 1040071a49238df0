using System.Diagnostics;
using CreditFlow.Bench;

namespace CreditFlow.DunningBench;

/// <summary>The storage request count (every process, from Azurite's access log), CPU of Azurite and of the host, the host's memory, at one moment.</summary>
internal sealed record Snapshot(long Requests, IReadOnlyDictionary<string, long> ByKind, double AzuriteCpu, double HostCpu, long Timestamp, (double? Now, double? Peak) HostMemoryMb);

internal sealed class Snapshots(CountedAzurite azurite, HostChild host)
{
    public Snapshot Take() => new(
        azurite.Requests,
        azurite.ByKind(),
        ProcessStats.CpuSeconds(azurite.ProcessId) ?? 0,
        ProcessStats.CpuSeconds(host.ProcessId) ?? 0,
        Stopwatch.GetTimestamp(),
        host.MemoryMb());

    /// <summary>Storage requests between two snapshots, per invoice, and the CPU Azurite and the host used meanwhile.</summary>
    public static object Window(Snapshot from, Snapshot to, int invoices)
    {
        var seconds = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        var requests = to.Requests - from.Requests;
        return new
        {
            seconds = Program.Round(seconds),
            storageRequests = requests,
            storageRequestsPerInvoice = Program.Round((double)requests / invoices),
            azuriteCoresBusy = Program.Round((to.AzuriteCpu - from.AzuriteCpu) / seconds),
            hostCoresBusy = Program.Round((to.HostCpu - from.HostCpu) / seconds),
            hostWorkingSetMbAtEnd = to.HostMemoryMb.Now,
            requestsByKind = TopKinds(from, to, 20),
        };
    }

    /// <summary>The busiest kinds of request between two snapshots ("METHOD resource [row|item] status").</summary>
    public static IReadOnlyDictionary<string, long> TopKinds(Snapshot from, Snapshot to, int top) => to.ByKind
        .Select(k => (k.Key, Count: k.Value - from.ByKind.GetValueOrDefault(k.Key)))
        .Where(k => k.Count > 0)
        .OrderByDescending(k => k.Count)
        .ThenBy(k => k.Key, StringComparer.Ordinal)
        .Take(top)
        .ToDictionary(k => k.Key, k => k.Count, StringComparer.Ordinal);
}
