using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Dunning;

/// <summary>
/// The dunning ladder (docs/domain.md "Dunning"): steps placed relative to the due date or the term,
/// each with its actions. For a given invoice the steps are taken in date order.
/// </summary>
/// <remarks>
/// Shipped default (<c>Defaults/dunning-ladder.json</c>): reminder 3 days before due; payment
/// confirmation at half the term; payment notice on the due date; a sales call task the day after;
/// 30 days overdue yellow warning + limit freeze + joint collection; 60 days special collection +
/// contract acceleration; 90 days red warning + legal handoff; over 180 days (day 181) litigation.
/// </remarks>
public sealed partial class DunningLadder
{
    private static readonly Lazy<DunningLadder> Shipped = new(() => Parse(EmbeddedDefault.Read("dunning-ladder.json")));

    /// <summary>Creates a ladder.</summary>
    /// <exception cref="ArgumentException">No step, a blank or repeated code, a step without actions, or an action missing what its kind needs.</exception>
    public DunningLadder(IEnumerable<DunningStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToArray();
        var problems = new List<string>();
        if (list.Length == 0)
        {
            problems.Add("a ladder needs at least one step");
        }

        for (var i = 0; i < list.Length; i++)
        {
            var step = list[i] ?? throw new ArgumentException($"Step {i} is null.", nameof(steps));
            if (string.IsNullOrWhiteSpace(step.Code) || list.Take(i).Any(s => s.Code == step.Code))
            {
                problems.Add($"steps[{i}].code '{step.Code}' is blank or repeated");
            }

            if (step.Actions is not { Count: > 0 })
            {
                problems.Add($"steps[{i}] has no action");
            }
            else if (step.Actions.Select(a => a.Missing()).OfType<(string Property, string Problem)>().FirstOrDefault() is { Property: not null } missing)
            {
                problems.Add($"steps[{i}] action {missing.Property} {missing.Problem}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(steps));
        }

        Steps = list;
    }

    /// <summary>The shipped default ladder.</summary>
    public static DunningLadder Default => Shipped.Value;

    /// <summary>The steps as configured.</summary>
    public IReadOnlyList<DunningStep> Steps { get; }
}
