namespace CreditFlow.Testing;

/// <summary>Names for tables, queues and task hubs that no other test uses.</summary>
public static class UniqueName
{
    private static int _counter;

    /// <summary>A letter-led alphanumeric name, valid for tables, queues, containers and hubs.</summary>
    public static string For(string prefix)
    {
        var n = Interlocked.Increment(ref _counter);
        return $"{prefix}{Environment.ProcessId % 10000}x{n}{Guid.NewGuid().ToString("N")[..6]}";
    }
}
