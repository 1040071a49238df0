using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;

namespace CreditFlow.Workflows.Policies;

/// <summary>
/// The outcome of replaying the orders of the last <paramref name="Days"/> days under a draft: the counts, the amounts
/// and the orders one by one (those decided otherwise first), as kept with the draft and shown to the committee.
/// </summary>
/// <param name="Version">The draft simulated.</param>
/// <param name="Days">How many past days were replayed.</param>
/// <param name="Since">The first day replayed.</param>
/// <param name="RanAt">When.</param>
/// <param name="Replayed">Orders decided again.</param>
/// <param name="NowPassed">Held then, passed under the draft.</param>
/// <param name="NowHeld">Passed then, held under the draft.</param>
/// <param name="HeldThen">Amount of the orders held then, per currency.</param>
/// <param name="HeldUnderDraft">Amount the draft would hold, per currency.</param>
/// <param name="ExposurePassed">Credit passed without anyone deciding, then and under the draft, per currency.</param>
/// <param name="Orders">The orders, changed first, at most <see cref="PolicyOptions.SimulationListed"/>.</param>
public sealed record PolicySimulation(
    int Version,
    int Days,
    DateOnly Since,
    DateTimeOffset RanAt,
    int Replayed,
    int NowPassed,
    int NowHeld,
    IReadOnlyList<Money> HeldThen,
    IReadOnlyList<Money> HeldUnderDraft,
    IReadOnlyList<ExposureBeside> ExposurePassed,
    IReadOnlyList<OrderImpact> Orders)
{
    /// <summary>Orders decided the same way.</summary>
    public int Unchanged => Replayed - NowPassed - NowHeld;

    /// <summary>The simulation of <paramref name="impact"/>, listing at most <paramref name="listed"/> orders.</summary>
    public static PolicySimulation Of(int version, int days, DateOnly since, DateTimeOffset ranAt, PolicyImpact impact, int listed)
    {
        ArgumentNullException.ThrowIfNull(impact);
        return new PolicySimulation(
            version, days, since, ranAt, impact.Orders.Count, impact.NowPassed, impact.NowHeld, impact.HeldThen, impact.HeldUnderDraft,
            impact.ExposurePassed.Select(e => new ExposureBeside(e.Then, e.UnderDraft)).ToArray(),
            impact.Orders.Take(listed).ToArray());
    }
}

/// <summary>An amount then and under the draft.</summary>
public sealed record ExposureBeside(Money Then, Money UnderDraft);
