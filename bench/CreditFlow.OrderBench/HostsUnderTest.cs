namespace CreditFlow.OrderBench;

/// <summary>
/// The host(s) one run sends orders to: the real host in this process, and with <c>--processes 2</c> (or more)
/// further hosts in child processes on the same storage prefix and task hub. Seeding and the limit check
/// go through the in-process one; ledger requests are the sum over all of them.
/// </summary>
internal sealed class HostsUnderTest : IAsyncDisposable
{
    private readonly List<ChildHost> _children = [];
    private readonly List<HttpClient> _clients = [];

    private HostsUnderTest(BenchHost local)
    {
        Local = local;
    }

    public BenchHost Local { get; }

    /// <summary>One client per host, in the order orders are dealt to them.</summary>
    public IReadOnlyList<HttpClient> Clients => _clients;

    /// <summary>CPU used by the child processes so far (zero with one process).</summary>
    public TimeSpan ChildProcessorTime => TimeSpan.FromTicks(_children.Sum(c => c.ProcessorTime.Ticks));

    public static async Task<HostsUnderTest> StartAsync(string connectionString, string name, int processes)
    {
        var hosts = new HostsUnderTest(await BenchHost.StartAsync(connectionString, name));
        try
        {
            hosts._clients.Add(Client(hosts.Local.Address));
            for (var number = 2; number <= processes; number++)
            {
                var child = await ChildHost.StartAsync(connectionString, name, number);
                hosts._children.Add(child);
                hosts._clients.Add(Client(child.Address));
            }

            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ledger storage requests of every host since it started.</summary>
    public async Task<long> LedgerRequestsAsync()
    {
        var total = Local.LedgerRequests.Total;
        foreach (var child in _children)
        {
            total += await child.TallyAsync();
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var child in _children)
        {
            await child.DisposeAsync();
        }

        await Local.DisposeAsync();
    }

    private static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = address };
}
