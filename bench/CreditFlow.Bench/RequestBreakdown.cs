using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;

namespace CreditFlow.Bench;

/// <summary>
/// With <c>--breakdown</c>: classifies every storage request by service, verb and resource (table,
/// queue kind), from the Azure SDK's own <c>Azure-Core</c> event source. Off by default: the
/// event source formats headers for every request and so costs throughput.
/// </summary>
internal sealed partial class RequestBreakdown : EventListener
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private volatile bool _enabled;

    public IReadOnlyDictionary<string, int> Snapshot() =>
        _counts.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => p.Value);

    public void Reset()
    {
        _counts.Clear();
        _enabled = true;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_enabled || eventData.EventName != "Request" || eventData.Payload is not { Count: >= 3 } payload)
        {
            return;
        }

        var key = Classify(payload[1] as string ?? "?", payload[2] as string ?? string.Empty);
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    /// <summary>"table POST History/$batch", "queue DELETE control/messages/{id}", ...</summary>
    private static string Classify(string method, string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return $"{method} ?";
        }

        var path = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray(); // drop the account
        if (path.Length == 0)
        {
            return $"{method} /";
        }

        var first = Uri.UnescapeDataString(path[0]);
        if (first == "$batch")
        {
            return $"table {method} $batch";
        }

        var table = TableResource().Match(first);
        if (table.Success)
        {
            var kind = table.Groups["keys"].Success && table.Groups["keys"].Value.Length > 0 ? "(key)" : "()";
            return $"table {method} {table.Groups["name"].Value}{kind}{(parsed.Query.Contains("$filter", StringComparison.Ordinal) ? " query" : string.Empty)}";
        }

        var queue = QueueName().Match(first);
        if (queue.Success)
        {
            var rest = path.Length switch { 1 => string.Empty, 2 => "/messages", _ => "/messages/{id}" };
            return $"queue {method} {queue.Groups["kind"].Value}{rest}";
        }

        var container = ContainerName().Match(first);
        return container.Success ? $"blob {method} {container.Groups["kind"].Value}{(path.Length > 1 ? "/{blob}" : string.Empty)}" : $"{method} {first}";
    }

    [GeneratedRegex(@"^bench[a-z]+[0-9a-f]+(?<name>Instances|History|Timers)(?:\((?<keys>[^)]*)\))?$")]
    private static partial Regex TableResource();

    [GeneratedRegex(@"^bench[a-z]+[0-9a-f]+-(?<kind>control|poison)")]
    private static partial Regex QueueName();

    [GeneratedRegex(@"^bench[a-z]+[0-9a-f]+-(?<kind>payloads|leases)$")]
    private static partial Regex ContainerName();
}
