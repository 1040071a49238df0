using System.Collections.ObjectModel;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>The numbers of the order-to-shipment check.</summary>
/// <remarks>
/// Shipped default (<c>Defaults/order-check.json</c>): stop line 30 days overdue; a release covers
/// a shipment up to 5% above the released amount and for 10 days; over-limit holds need at least the
/// credit manager (as do holds for a blacklisted group member), blacklist and class-D exceptions the credit committee (docs/domain.md "Roles and authority").
/// </remarks>
public sealed record OrderCheckPolicy
{
    private const string ConfigurationName = "order check policy";
    private static readonly Lazy<OrderCheckPolicy> Shipped = ConfiguredRules.Shipped("order-check.json", Parse);

    /// <summary>Creates a policy.</summary>
    /// <param name="stopLineDaysOverdue">An invoice this many days overdue (or more) stops shipping.</param>
    /// <param name="releaseAmountTolerance">A release covers a shipment up to this share above the released amount (0.05 = +5%).</param>
    /// <param name="releaseDaysTolerance">A release covers a shipment for this many days after it was granted.</param>
    /// <param name="minimumApprover">For some reasons, the least role that may release; the amount may require a higher one.</param>
    /// <exception cref="ArgumentException">The stop line is below 1 day, the amount tolerance outside 0..1 or the days tolerance negative.</exception>
    public OrderCheckPolicy(int stopLineDaysOverdue, decimal releaseAmountTolerance, int releaseDaysTolerance, IReadOnlyDictionary<HoldReasonKind, CreditRole>? minimumApprover = null)
        : this(
            ConfiguredRules.Validate(nameof(stopLineDaysOverdue), p => Check(stopLineDaysOverdue, releaseAmountTolerance, releaseDaysTolerance, p)),
            stopLineDaysOverdue,
            releaseAmountTolerance,
            releaseDaysTolerance,
            minimumApprover)
    {
    }

    private OrderCheckPolicy(Validated validated, int stopLineDaysOverdue, decimal releaseAmountTolerance, int releaseDaysTolerance, IReadOnlyDictionary<HoldReasonKind, CreditRole>? minimumApprover)
    {
        _ = validated;
        StopLineDaysOverdue = stopLineDaysOverdue;
        ReleaseAmountTolerance = releaseAmountTolerance;
        ReleaseDaysTolerance = releaseDaysTolerance;
        MinimumApprover = new ReadOnlyDictionary<HoldReasonKind, CreditRole>(new Dictionary<HoldReasonKind, CreditRole>(minimumApprover ?? new Dictionary<HoldReasonKind, CreditRole>()));
    }

    /// <summary>The shipped default policy.</summary>
    public static OrderCheckPolicy Default => Shipped.Value;

    /// <summary>Days overdue at which an open invoice stops shipping.</summary>
    public int StopLineDaysOverdue { get; }

    /// <summary>Share above the released amount a shipment may have and stay released.</summary>
    public decimal ReleaseAmountTolerance { get; }

    /// <summary>Days after the release a shipment stays released.</summary>
    public int ReleaseDaysTolerance { get; }

    /// <summary>The least role that may release a hold for a reason.</summary>
    public IReadOnlyDictionary<HoldReasonKind, CreditRole> MinimumApprover { get; }

    /// <summary>
    /// Reads <c>{ "stopLineDaysOverdue": 30, "releaseTolerance": { "amountShare": 0.05, "days": 10 }, "minimumApprover": { "OverLimit": "CreditManager" } }</c>.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static OrderCheckPolicy Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "stopLineDaysOverdue", "releaseTolerance", "minimumApprover");

        var stopLine = reader.Int(root, "$", "stopLineDaysOverdue");
        decimal? share = null;
        int? days = null;
        if (root.TryGetProperty("releaseTolerance", out var tolerance) && reader.Object(tolerance, "$.releaseTolerance", "amountShare", "days"))
        {
            share = reader.Decimal(tolerance, "$.releaseTolerance", "amountShare");
            days = reader.Int(tolerance, "$.releaseTolerance", "days");
        }
        else if (!root.TryGetProperty("releaseTolerance", out _))
        {
            reader.Problem("$.releaseTolerance", "is required");
        }

        var minimum = new Dictionary<HoldReasonKind, CreditRole>();
        if (root.TryGetProperty("minimumApprover", out var approvers) && reader.Object(approvers, "$.minimumApprover", Enum.GetNames<HoldReasonKind>()))
        {
            foreach (var property in approvers.EnumerateObject())
            {
                if (Enum.TryParse<HoldReasonKind>(property.Name, out var kind)
                    && reader.EnumValue<CreditRole>(property.Value, $"$.minimumApprover.{property.Name}") is { } role)
                {
                    minimum[kind] = role;
                }
            }
        }

        Check(stopLine, share, days, reader.Sink);
        return new OrderCheckPolicy(ConfiguredRules.Passed(reader, ConfigurationName), stopLine!.Value, share!.Value, days!.Value, minimum);
    }

    /// <summary>The rules on the numbers, for values present (a missing one is the reader's problem).</summary>
    private static void Check(int? stopLine, decimal? share, int? days, ICollection<ConfigurationProblem> problems)
    {
        if (stopLine is < 1)
        {
            problems.Add(new ConfigurationProblem("$.stopLineDaysOverdue", $"must be at least 1 day, was {stopLine}"));
        }

        if (share is < 0m or > 1m)
        {
            problems.Add(new ConfigurationProblem("$.releaseTolerance.amountShare", $"must be a share between 0 and 1 (0.05 = +5%), was {share}"));
        }

        if (days is < 0)
        {
            problems.Add(new ConfigurationProblem("$.releaseTolerance.days", $"must not be negative, was {days}"));
        }
    }
}
