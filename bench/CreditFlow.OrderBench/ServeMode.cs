using System.Globalization;

namespace CreditFlow.OrderBench;

/// <summary>
/// The hidden <c>--serve &lt;connectionString&gt; &lt;name&gt;</c> mode, run by <see cref="ChildHost"/> in a child
/// process: the real host on the parent's storage prefix and task hub. It prints its base address on one
/// stdout line, answers each stdin line <c>tally</c> with its ledger request count on one line, and stops
/// when stdin closes (so it also stops when the parent dies).
/// </summary>
internal static class ServeMode
{
    public const string Flag = "--serve";

    public static async Task<int> RunAsync(string connectionString, string name)
    {
        await using var host = await BenchHost.StartAsync(connectionString, name);
        Console.Out.WriteLine(host.Address.ToString());
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.Trim() == "tally")
            {
                Console.Out.WriteLine(host.LedgerRequests.Total.ToString(CultureInfo.InvariantCulture));
            }
        }

        return 0;
    }
}
