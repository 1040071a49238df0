using System.Globalization;

namespace CreditFlow.OrderBench;

/// <summary>
/// The run's knobs: <c>--rates 50,100,200 --seconds 30 --customers 1000 --hot 5 --hot-share 0.2 --warmup 10</c>,
/// and <c>--in-memory</c> for an Azurite without disk persistence.
/// </summary>
internal sealed record BenchSettings(int[] Rates, int Seconds, int Customers, int Hot, double HotShare, int WarmupSeconds, bool InMemory)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Order-check benchmark: signed order webhooks at fixed rates against one in-process host (see bench/README.md).
          --rates 50,100,200   orders per second, one run each (fresh Azurite and host per rate)
          --seconds 30         measured seconds per rate
          --warmup 10          warm-up seconds at the rate, on 100 other customers
          --customers 1000     customers seeded (class B)
          --hot 5              customers near their limit
          --hot-share 0.2      share of the orders that go to them
          --in-memory          Azurite without disk persistence
        Environment: ORDERBENCH_STORAGE=<connection string> (other storage), ORDERBENCH_SAMPLES=<path> (every answer as CSV).
        """;

    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchSettings(
            (Value("--rates") ?? "50,100,200").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Value("--seconds") ?? "30", CultureInfo.InvariantCulture),
            int.Parse(Value("--customers") ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Value("--hot") ?? "5", CultureInfo.InvariantCulture),
            double.Parse(Value("--hot-share") ?? "0.2", CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup") ?? "10", CultureInfo.InvariantCulture),
            args.Contains("--in-memory"));
    }
}
