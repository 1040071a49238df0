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
    private static readonly Lazy<DunningLadder> Shipped = ConfiguredRules.Shipped("dunning-ladder.json", Parse);

    /// <summary>Creates a ladder.</summary>
    /// <exception cref="ArgumentException">No step, a blank or repeated code, a step without actions, or an action missing what its kind needs.</exception>
    public DunningLadder(IEnumerable<DunningStep> steps)
        : this(Checked(steps))
    {
    }

    private DunningLadder((Validated Validated, DunningStep[] Steps) checkedSteps) => Steps = checkedSteps.Steps;

    /// <summary>The shipped default ladder.</summary>
    public static DunningLadder Default => Shipped.Value;

    /// <summary>The steps as configured.</summary>
    public IReadOnlyList<DunningStep> Steps { get; }

    /// <summary>True when one of the steps <paramref name="taken"/> (by code) freezes the customer's limit.</summary>
    public bool Froze(IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        return taken.Any(code => Steps.FirstOrDefault(s => s.Code == code)?.Actions.Any(a => a.Kind == DunningActionKind.LimitFreeze) == true);
    }

    /// <summary>
    /// The rules on the steps: at least one, each code given once and not blank, each with an action,
    /// each action with what its kind needs (<see cref="DunningAction.Missing"/>). Null <paramref name="steps"/>:
    /// no list was read; null actions: already checked while reading.
    /// </summary>
    private static void Check(IReadOnlyList<(string? Code, IReadOnlyList<DunningAction>? Actions, int ActionCount)>? steps, ICollection<ConfigurationProblem> problems)
    {
        if (steps is null)
        {
            return;
        }

        if (steps.Count == 0)
        {
            problems.Add(new ConfigurationProblem("$.steps", "must list at least one step"));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var (code, actions, count) = steps[i];
            if (code is not null && string.IsNullOrWhiteSpace(code))
            {
                problems.Add(new ConfigurationProblem($"$.steps[{i}].code", "must not be blank"));
            }
            else if (code is not null && steps.Take(i).Any(s => s.Code == code))
            {
                problems.Add(new ConfigurationProblem($"$.steps[{i}].code", $"'{code}' is used by an earlier step"));
            }

            if (count == 0)
            {
                problems.Add(new ConfigurationProblem($"$.steps[{i}].actions", "must list at least one action"));
            }

            for (var a = 0; a < (actions?.Count ?? 0); a++)
            {
                if (actions![a].Missing() is { } missing)
                {
                    problems.Add(new ConfigurationProblem($"$.steps[{i}].actions[{a}].{missing.Property}", missing.Problem));
                }
            }
        }
    }

    private static (Validated, DunningStep[]) Checked(IEnumerable<DunningStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToArray();
        var validated = ConfiguredRules.Validate(nameof(steps), problems => Check(
            list.Select((s, i) => s is null
                ? throw new ArgumentException($"Step {i} is null.", nameof(steps))
                : ((string?)s.Code, (IReadOnlyList<DunningAction>?)(s.Actions ?? []), s.Actions?.Count ?? 0)).ToArray(),
            problems));
        return (validated, list);
    }
}
