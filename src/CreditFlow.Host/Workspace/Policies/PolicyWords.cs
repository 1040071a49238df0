using System.Globalization;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;
using CreditFlow.Host.Credit;

namespace CreditFlow.Host.Workspace.Policies;

/// <summary>How the policy pages word a version's status and its order-check numbers.</summary>
public static class PolicyWords
{
    /// <summary>How an order was or would be decided: "passed", "held for the credit manager", "held".</summary>
    public static string Outcome(bool passed, string? approver) =>
        passed ? "passed"
        : Enum.TryParse<Domain.Roles.CreditRole>(approver, out var role) ? $"held for the {WorklistText.Words(role)}"
        : "held";

    /// <summary>Where an invoice stands on a dunning ladder: "reminder; next call on 3 Apr 2026", "no step yet".</summary>
    public static string Standing(string? step, NextStep? next) =>
        (step is null ? "no step yet" : step.Replace('-', ' '))
        + (next is null ? "" : $"; next {next.Code.Replace('-', ' ')}" + (next.On is { } on ? $" on {Figures.Date(on)}" : " (paused)"));

    /// <summary>"Draft", "With the committee", "Approved", "Rejected", "Withdrawn".</summary>
    public static string Status(string status) => status switch
    {
        "draft" => "Draft",
        "inApproval" => "With the committee",
        "approved" => "Approved",
        "withdrawn" => "Withdrawn",
        _ => "Rejected",
    };

    /// <summary>The chip class of a status.</summary>
    public static string StatusClass(string status, bool inForce) => inForce ? "status-active" : status switch
    {
        "draft" => "status-draft",
        "inApproval" => "status-trial",
        "rejected" => "status-blacklisted",
        "withdrawn" => "",
        _ => "",
    };

    /// <summary>
    /// A version's numbers in words, one line each: the order check, the scorecard, the classes, the limit coefficients,
    /// the new-customer terms, who approves which amounts, the dunning ladder and the warning rules.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value)> Lines(CreditPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lines = new List<(string Label, string Value)>(OrderCheck(policy.OrderCheck));
        var scorecard = policy.Scorecard;
        lines.Add(("Scorecard", $"{scorecard.Id} {scorecard.Version}: "
            + string.Join(", ", scorecard.Dimensions.Select(d => $"{d.Name} {Number(d.Weight)}%"))
            + $"; {scorecard.Inputs.Count} figures"));
        var classes = policy.Classes;
        lines.Add(("Classes", $"A from a score of {Number(classes.MinimumA)}, B from {Number(classes.MinimumB)}, C from {Number(classes.MinimumC)}; below is D"));
        foreach (var method in new[] { LimitMethod.AnnualSales, LimitMethod.WorkingCapital, LimitMethod.NetAssetLiquidationValue })
        {
            var (a, b, c) = (policy.Limits.For(method, CreditClass.A), policy.Limits.For(method, CreditClass.B), policy.Limits.For(method, CreditClass.C));
            lines.Add(("Limit", $"{Share(a)} / {Share(b)} / {Share(c)} of {Base(method)} for A / B / C"));
        }

        var newCustomers = policy.NewCustomers;
        lines.Add(("New customers", $"a trial limit of at most {newCustomers.TrialLimit}; a guarantee for a request above {newCustomers.GuaranteeThreshold}"));
        var authority = policy.Authority;
        lines.Add(("Approves", string.Join(", ", authority.Tiers.Select(t => t.UpTo is { } upTo ? $"the {WorklistText.Words(t.Role)} up to {upTo}" : $"the {WorklistText.Words(t.Role)} above"))
            + (authority.Cumulative ? "; each tier below signs first" : "")));
        lines.Add(("Dunning", string.Join(", ", policy.Ladder.Steps.Select(s => $"{s.Code.Replace('-', ' ')} {When(s.Offset)}"))));
        var rules = policy.Warnings.Rules;
        lines.Add(("Warnings", $"{rules.Count} rules ({string.Join(", ", rules.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))}), "
            + $"answered within {string.Join(" or ", rules.Select(r => r.ResponseTime.TotalHours).Distinct().Order().Select(h => $"{Number((decimal)h)}"))} hours"));
        return lines;
    }

    /// <summary>The order check's numbers in words, one line each.</summary>
    public static IReadOnlyList<(string Label, string Value)> OrderCheck(OrderCheckPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lines = new List<(string, string)>
        {
            ("Stop line", $"an invoice {policy.StopLineDaysOverdue} days overdue holds every new order"),
            ("Release covers", $"up to {(policy.ReleaseAmountTolerance * 100m).ToString("0.#", CultureInfo.InvariantCulture)}% more, for {policy.ReleaseDaysTolerance} days"),
        };
        lines.AddRange(policy.MinimumApprover.OrderBy(m => m.Key.ToString(), StringComparer.Ordinal)
            .Select(m => ("At least", $"the {WorklistText.Words(m.Value)} for {Reason(m.Key)}")));
        return lines;
    }

    private static string When(DunningOffset offset) => offset.Kind switch
    {
        DunningOffsetKind.TermFraction => $"at {Share(offset.Value)} of the term",
        DunningOffsetKind.MonthsFromDue => $"{Number(offset.Value)} months after due",
        _ when offset.Value < 0 => $"{Days(-offset.Value)} before due",
        _ when offset.Value == 0 => "on the due date",
        _ => $"{Days(offset.Value)} after due",
    };

    private static string Days(decimal days) => days == 1 ? "1 day" : $"{Number(days)} days";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Share(decimal value) => (value * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Base(LimitMethod method) => method switch
    {
        LimitMethod.AnnualSales => "annual sales",
        LimitMethod.WorkingCapital => "working capital",
        _ => "net-asset liquidation value",
    };

    private static string Reason(HoldReasonKind kind) => kind switch
    {
        HoldReasonKind.OverLimit => "orders over the limit",
        HoldReasonKind.Blacklisted => "blacklisted customers",
        HoldReasonKind.ClassD => "class D customers",
        HoldReasonKind.GroupMemberBlacklisted => "customers whose group has a blacklisted company",
        _ => kind.ToString(),
    };
}
