namespace CreditFlow.Domain.Policies;

/// <summary>
/// The approved versions of the credit policy, and which one is in force on a day: the one with the latest
/// first day not after it (of two with the same day, the later version).
/// </summary>
public sealed class CreditPolicyBook
{
    private readonly CreditPolicy[] byFirstDay;

    /// <summary>The book of <paramref name="approved"/> versions; version 1 (the shipped defaults) is always in it.</summary>
    public CreditPolicyBook(IEnumerable<CreditPolicy> approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        byFirstDay = approved
            .Where(p => p.Version != CreditPolicy.Default.Version)
            .Prepend(CreditPolicy.Default)
            .OrderBy(p => p.EffectiveFrom)
            .ThenBy(p => p.Version)
            .ToArray();
    }

    /// <summary>Only the shipped defaults.</summary>
    public static CreditPolicyBook Shipped { get; } = new([]);

    /// <summary>Every approved version, oldest first day first.</summary>
    public IReadOnlyList<CreditPolicy> Versions => byFirstDay;

    /// <summary>Version <paramref name="version"/>, or null when it is not an approved version this book holds.</summary>
    public CreditPolicy? Version(int version) => Array.Find(byFirstDay, p => p.Version == version);

    /// <summary>
    /// Version <paramref name="version"/>, or the shipped version 1 standing in for one this book does not hold (a
    /// version a later build rejects): what an invoice's ladder or a warning's rules pinned to it are read from.
    /// </summary>
    public CreditPolicy VersionOrShipped(int version) => Version(version) ?? CreditPolicy.Default;

    /// <summary>The version decisions on <paramref name="day"/> are taken under.</summary>
    public CreditPolicy InEffectOn(DateOnly day)
    {
        for (var i = byFirstDay.Length - 1; i > 0; i--)
        {
            if (byFirstDay[i].EffectiveFrom <= day)
            {
                return byFirstDay[i];
            }
        }

        return byFirstDay[0];
    }
}
