using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;

namespace CreditFlow.Workflows.Policies;

/// <summary>
/// The outcome of replaying the orders and applications of the last <paramref name="Days"/> days under a draft: the
/// counts, the amounts and the orders and applications one by one (those the draft changes first), as kept with the
/// draft and shown to the committee.
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

    /// <summary>Applications scored in the period and assessed again (simulations kept before applications were replayed: 0).</summary>
    public int ApplicationsReplayed { get; init; }

    /// <summary>Scorings in the period logged before their request and annual sales were kept, so not assessed again.</summary>
    public int ApplicationsNotReplayable { get; init; }

    /// <summary>Applications the draft would put in a better class.</summary>
    public int BetterClass { get; init; }

    /// <summary>Applications the draft would put in a worse class.</summary>
    public int WorseClass { get; init; }

    /// <summary>Applications the draft would give the same class but another trial or proposed limit.</summary>
    public int OtherLimit { get; init; }

    /// <summary>Applications the draft's scorecard would have asked more figures of.</summary>
    public int MoreData { get; init; }

    /// <summary>The applications, changed first, at most <see cref="PolicyOptions.SimulationListed"/>.</summary>
    public IReadOnlyList<ApplicationImpact> Applications { get; init; } = [];

    /// <summary>Open invoices set on the draft's dunning ladder beside their own (simulations kept before invoices were: 0).</summary>
    public int InvoicesReplayed { get; init; }

    /// <summary>Open invoices the draft's ladder would put at another step today, or whose next step would fall on another day.</summary>
    public int InvoicesMoved { get; init; }

    /// <summary>The open invoices, those the draft moves first, at most <see cref="PolicyOptions.SimulationListed"/>.</summary>
    public IReadOnlyList<InvoiceImpact> Invoices { get; init; } = [];

    /// <summary>
    /// The simulation of <paramref name="impact"/>, <paramref name="applications"/> and <paramref name="invoices"/>, listing at
    /// most <paramref name="listed"/> of each.
    /// </summary>
    /// <param name="notReplayable">Scorings of the period that could not be assessed again.</param>
    public static PolicySimulation Of(
        int version,
        int days,
        DateOnly since,
        DateTimeOffset ranAt,
        PolicyImpact impact,
        IReadOnlyList<ApplicationImpact> applications,
        int notReplayable,
        IReadOnlyList<InvoiceImpact> invoices,
        int listed)
    {
        ArgumentNullException.ThrowIfNull(impact);
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(invoices);
        int Count(ApplicationChange change) => applications.Count(a => a.Change == change);
        return new PolicySimulation(
            version, days, since, ranAt, impact.Orders.Count, impact.NowPassed, impact.NowHeld, impact.HeldThen, impact.HeldUnderDraft,
            impact.ExposurePassed.Select(e => new ExposureBeside(e.Then, e.UnderDraft)).ToArray(),
            impact.Orders.Take(listed).ToArray())
        {
            ApplicationsReplayed = applications.Count,
            ApplicationsNotReplayable = notReplayable,
            BetterClass = Count(ApplicationChange.BetterClass),
            WorseClass = Count(ApplicationChange.WorseClass),
            OtherLimit = Count(ApplicationChange.OtherLimit),
            MoreData = Count(ApplicationChange.MoreData),
            Applications = applications.Take(listed).ToArray(),
            InvoicesReplayed = invoices.Count,
            InvoicesMoved = invoices.Count(i => i.Changed),
            Invoices = invoices.Take(listed).ToArray(),
        };
    }

    /// <summary>The outcome in one line, for the committee's mail.</summary>
    public string Summary()
    {
        var orders = $"{Replayed} {(Replayed == 1 ? "order" : "orders")} of the last {Days} days: {NowPassed} held then would pass, {NowHeld} passed then would be held";
        var parts = new List<string> { orders };
        if (ApplicationsReplayed > 0)
        {
            parts.Add($"{ApplicationsReplayed} {(ApplicationsReplayed == 1 ? "scoring" : "scorings")} of applications: "
                + $"{BetterClass} in a better class, {WorseClass} in a worse one, {OtherLimit} with other limits, {MoreData} would be asked for more figures");
        }

        if (InvoicesReplayed > 0)
        {
            parts.Add($"{InvoicesReplayed} open {(InvoicesReplayed == 1 ? "invoice" : "invoices")}: {InvoicesMoved} elsewhere on the draft's dunning ladder");
        }

        return string.Join("; ", parts);
    }
}

/// <summary>An amount then and under the draft.</summary>
public sealed record ExposureBeside(Money Then, Money UnderDraft);
