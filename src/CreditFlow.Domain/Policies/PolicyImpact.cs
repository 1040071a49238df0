using System.Text.Json.Serialization;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Domain.Policies;

/// <summary>
/// What a draft policy would have changed: the orders checked over a past period decided again under the draft, each
/// beside what was decided then.
/// </summary>
/// <param name="Orders">Every order replayed, those the draft decides otherwise first.</param>
public sealed record PolicyImpact(IReadOnlyList<OrderImpact> Orders)
{
    /// <summary>Decides every <paramref name="checkedOrders"/> again under <paramref name="draft"/>.</summary>
    /// <param name="checkedOrders">What the check saw and decided.</param>
    /// <param name="draft">The policy to try.</param>
    public static PolicyImpact Replay(IEnumerable<CheckedOrder> checkedOrders, CreditPolicy draft)
    {
        ArgumentNullException.ThrowIfNull(checkedOrders);
        ArgumentNullException.ThrowIfNull(draft);
        var check = new OrderCreditCheck(draft.OrderCheck, draft.Authority);
        var orders = checkedOrders
            .Select(o => OrderImpact.Of(o, check.Check(o.Profile, o.Exposure, o.OverdueInvoices, o.Order, o.Day)))
            .OrderBy(o => o.Change == OrderChange.Same)
            .ThenByDescending(o => o.Day)
            .ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .ToArray();
        return new PolicyImpact(orders);
    }

    /// <summary>Orders held then that the draft would pass.</summary>
    public int NowPassed => Orders.Count(o => o.Change == OrderChange.WouldPass);

    /// <summary>Orders passed then that the draft would hold.</summary>
    public int NowHeld => Orders.Count(o => o.Change == OrderChange.WouldHold);

    /// <summary>Orders decided the same way (the approver may differ).</summary>
    public int Unchanged => Orders.Count(o => o.Change == OrderChange.Same);

    /// <summary>Orders held then, per currency.</summary>
    public IReadOnlyList<Money> HeldThen => Sum(o => !o.PassedThen);

    /// <summary>Orders the draft would hold, per currency.</summary>
    public IReadOnlyList<Money> HeldUnderDraft => Sum(o => !o.PassesUnderDraft);

    /// <summary>
    /// The credit the orders passed at once added to exposure, then and under the draft, per currency: what the
    /// draft would have let out without anyone deciding.
    /// </summary>
    public IReadOnlyList<(Money Then, Money UnderDraft)> ExposurePassed =>
        Orders.GroupBy(o => o.CreditPart.Currency)
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => (
                g.Where(o => o.PassedThen).Aggregate(Money.Zero(g.Key), (sum, o) => sum + o.CreditPart),
                g.Where(o => o.PassesUnderDraft).Aggregate(Money.Zero(g.Key), (sum, o) => sum + o.CreditPart)))
            .ToArray();

    private Money[] Sum(Func<OrderImpact, bool> which) =>
        Orders.GroupBy(o => o.Amount.Currency)
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => g.Where(which).Aggregate(Money.Zero(g.Key), (sum, o) => sum + o.Amount))
            .ToArray();
}

/// <summary>How the draft would decide an order against how it was decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderChange>))]
public enum OrderChange
{
    /// <summary>Passed then and under the draft, or held by both.</summary>
    Same,

    /// <summary>Held then, the draft would pass it.</summary>
    WouldPass,

    /// <summary>Passed then, the draft would hold it.</summary>
    WouldHold,
}

/// <summary>One order decided again.</summary>
/// <param name="CustomerId">Whose.</param>
/// <param name="OrderId">Which.</param>
/// <param name="Day">When it was checked.</param>
/// <param name="Amount">The order's amount.</param>
/// <param name="CreditPart">What of it was on credit.</param>
/// <param name="PassedThen">Whether it passed at once.</param>
/// <param name="ApproverThen">Who was asked then, when held.</param>
/// <param name="VersionThen">The policy it was decided under.</param>
/// <param name="PassesUnderDraft">Whether the draft passes it.</param>
/// <param name="ApproverUnderDraft">Who the draft would ask.</param>
/// <param name="ReasonsUnderDraft">Why the draft would hold it.</param>
public sealed record OrderImpact(
    string CustomerId,
    string OrderId,
    DateOnly Day,
    Money Amount,
    Money CreditPart,
    bool PassedThen,
    string? ApproverThen,
    int VersionThen,
    bool PassesUnderDraft,
    string? ApproverUnderDraft,
    IReadOnlyList<string> ReasonsUnderDraft)
{
    /// <summary>How the draft's decision differs.</summary>
    public OrderChange Change => PassedThen == PassesUnderDraft ? OrderChange.Same : PassesUnderDraft ? OrderChange.WouldPass : OrderChange.WouldHold;

    internal static OrderImpact Of(CheckedOrder then, OrderDecision underDraft) => new(
        then.Profile.CustomerId,
        then.Order.OrderId,
        then.Day,
        then.Order.Amount,
        then.Order.CreditPart,
        then.Passed,
        then.ApproverRole,
        then.PolicyVersion,
        underDraft.Passed,
        underDraft.Approver?.Role.ToString(),
        underDraft.Reasons.Select(r => r.Explanation).ToArray());
}
