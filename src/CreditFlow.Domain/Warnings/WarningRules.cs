using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Warnings;

/// <summary>The configured early-warning rules: signals in, warnings with tasks and deadlines out.</summary>
/// <remarks>Default in <c>warning-rules.json</c>: the three example triggers of docs/domain.md "Early warning", its other signals, and a 24-hour response.</remarks>
public sealed record WarningRules
{
    private static readonly Lazy<WarningRules> DefaultRules = new(() => Parse(EmbeddedDefault.Read("warning-rules.json")));

    /// <summary>Creates the rule set.</summary>
    /// <exception cref="ArgumentException">No rules, or two rules with one name.</exception>
    public WarningRules(IReadOnlyList<WarningRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            throw new ArgumentException("At least one warning rule is required.", nameof(rules));
        }

        if (rules.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Warning rule '{duplicate.Key}' is defined more than once.", nameof(rules));
        }

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
        const string Name = "warning rules";
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, Name);
        var root = document.RootElement;
        var defaultHours = r.Decimal(root, "$", "defaultResponseHours");
        if (defaultHours is <= 0m)
        {
            r.Problem("$.defaultResponseHours", $"{ConfigurationReader.Format(defaultHours.Value)} must be above 0");
        }

        var rules = new List<WarningRule>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, path) in r.Array(root, "$", "rules"))
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
            if (name is not null && !names.Add(name))
            {
                r.Problem($"{path}.name", $"'{name}' is used more than once");
            }

            if (r.Problems.Count == before && hours is { } h and > 0m)
            {
                rules.Add(new WarningRule(name!, signal!.Value, (atLeast ?? above)!.Value, above is not null, level!.Value, actions.Select(a => a!.Value).ToArray(), responsible!.Value, TimeSpan.FromHours((double)h), ignoreWhenExplained));
            }
        }

        r.ThrowIfAny(Name);
        return new WarningRules(rules);
    }

    private static ResponseAction? Bad(ConfigurationReader r, string path)
    {
        r.Problem(path, "must be a string naming an action");
        return null;
    }
}
