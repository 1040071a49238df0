using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Warnings;

/// <summary>The configured early-warning rules: signals in, warnings with tasks and deadlines out.</summary>
/// <remarks>Default in <c>warning-rules.json</c>: the three example triggers of docs/domain.md "Early warning", its other signals, and a 24-hour response.</remarks>
public sealed record WarningRules
{
    private const string ConfigurationName = "warning rules";
    private static readonly Lazy<WarningRules> DefaultRules = ConfiguredRules.Shipped("warning-rules.json", Parse);

    /// <summary>Creates the rule set.</summary>
    /// <exception cref="ArgumentException">No rules, or two rules with one name.</exception>
    public WarningRules(IReadOnlyList<WarningRule> rules)
        : this(ConfiguredRules.Validate(nameof(rules), p => Check(Names(rules), p)), rules)
    {
    }

    private WarningRules(Validated validated, IReadOnlyList<WarningRule> rules)
    {
        _ = validated;
        Rules = rules.ToArray();
    }

    /// <summary>The shipped rules.</summary>
    public static WarningRules Default => DefaultRules.Value;

    /// <summary>The rules, in configured order.</summary>
    public IReadOnlyList<WarningRule> Rules { get; }

    /// <summary>Evaluates signals. Each signal raises at most one warning: its most severe matching rule (first configured on a tie).</summary>
    /// <returns>The warnings, most severe first, then by signal time.</returns>
    public IReadOnlyList<CreditWarning> Evaluate(IEnumerable<CreditSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var warnings = new List<CreditWarning>();
        foreach (var signal in signals)
        {
            // One signal, one task: 95 days overdue is a red warning, not a red and a yellow one.
            var rule = Rules.Where(r => r.Matches(signal)).OrderByDescending(r => r.Level).FirstOrDefault();
            if (rule is not null)
            {
                warnings.Add(new CreditWarning(signal.CustomerId, rule.Level, rule.Name, signal, rule.Actions, rule.Responsible, signal.ObservedAt + rule.ResponseTime, rule.Describe(signal)));
            }
        }

        return warnings.OrderByDescending(w => w.Level).ThenBy(w => w.Signal.ObservedAt).ToArray();
    }

    /// <summary>
    /// Loads <c>{ "defaultResponseHours": 24, "rules": [{ name, signal, atLeast | above, level, actions: [...],
    /// responsible, responseHours?, ignoreWhenExplained? }] }</c>.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Listing every problem with its JSON path.</exception>
    public static WarningRules Parse(string json)
    {
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, ConfigurationName);
        var root = document.RootElement;
        var defaultHours = r.Decimal(root, "$", "defaultResponseHours");
        if (defaultHours is <= 0m)
        {
            r.Problem("$.defaultResponseHours", $"{ConfigurationReader.Format(defaultHours.Value)} must be above 0");
        }

        var rules = new List<WarningRule>();
        var names = new List<string?>();
        foreach (var (item, path) in r.Array(root, "$", "rules", allowEmpty: true))
        {
            var before = r.Problems.Count;
            var name = r.String(item, path, "name");
            var signal = r.Enum<SignalKind>(item, path, "signal");
            var atLeast = r.Decimal(item, path, "atLeast", required: false);
            var above = r.Decimal(item, path, "above", required: false);
            if ((atLeast is null) == (above is null))
            {
                r.Problem(path, "needs exactly one of 'atLeast' or 'above'");
            }

            var level = r.Enum<WarningLevel>(item, path, "level");
            var actions = r.Array(item, path, "actions")
                .Select(a => a.Item.ValueKind == System.Text.Json.JsonValueKind.String ? r.EnumValue<ResponseAction>(a.Item, a.Path) : Bad(r, a.Path))
                .ToArray();
            var responsible = r.Enum<CreditRole>(item, path, "responsible");
            var ownHours = r.Decimal(item, path, "responseHours", required: false);
            if (ownHours is <= 0m)
            {
                r.Problem($"{path}.responseHours", $"{ConfigurationReader.Format(ownHours.Value)} must be above 0");
            }

            var hours = ownHours ?? defaultHours;

            var ignoreWhenExplained = r.Bool(item, path, "ignoreWhenExplained", required: false) ?? false;
            names.Add(name);
            if (r.Problems.Count == before && hours is { } h and > 0m)
            {
                rules.Add(new WarningRule(name!, signal!.Value, (atLeast ?? above)!.Value, above is not null, level!.Value, actions.Select(a => a!.Value).ToArray(), responsible!.Value, TimeSpan.FromHours((double)h), ignoreWhenExplained));
            }
        }

        var listed = root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("rules", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array;
        Check(listed ? names : null, r.Sink);
        return new WarningRules(ConfiguredRules.Passed(r, ConfigurationName), rules);
    }

    /// <summary>The rules on the set: at least one rule, each name once (case aside). Null <paramref name="names"/>: no list was read.</summary>
    private static void Check(IReadOnlyList<string?>? names, ICollection<ConfigurationProblem> problems)
    {
        if (names is null)
        {
            return;
        }

        if (names.Count == 0)
        {
            problems.Add(new ConfigurationProblem("$.rules", "must not be empty"));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is { } name && !seen.Add(name))
            {
                problems.Add(new ConfigurationProblem($"$.rules[{i}].name", $"'{name}' is used more than once"));
            }
        }
    }

    private static string?[] Names(IReadOnlyList<WarningRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Select(r => (string?)r.Name).ToArray();
    }

    private static ResponseAction? Bad(ConfigurationReader r, string path)
    {
        r.Problem(path, "must be a string naming an action");
        return null;
    }
}
