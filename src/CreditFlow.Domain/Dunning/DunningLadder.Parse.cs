using System.Text.Json;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Dunning;

public sealed partial class DunningLadder
{
    private const string ConfigurationName = "dunning ladder";

    private static readonly (string Name, DunningOffsetKind Kind)[] OffsetProperties =
        [("daysFromDue", DunningOffsetKind.DaysFromDue), ("monthsFromDue", DunningOffsetKind.MonthsFromDue), ("termFraction", DunningOffsetKind.TermFraction)];

    /// <summary>
    /// Reads <c>{ "steps": [ { "code": "reminder", "daysFromDue": -3, "actions": [ { "kind": "Mail", "template": "payment-reminder" } ] }, ... ] }</c>.
    /// Each step has exactly one of <c>daysFromDue</c>, <c>monthsFromDue</c>, <c>termFraction</c>; an action has a
    /// <c>kind</c> and, as its kind needs, a <c>template</c>, a <c>role</c> or a <c>level</c>.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static DunningLadder Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "steps");
        var stepElements = reader.Array(root, "$", "steps", allowEmpty: true);
        var steps = new List<DunningStep>();
        var read = new List<(string? Code, IReadOnlyList<DunningAction>? Actions, int ActionCount)>();
        foreach (var (element, path) in stepElements)
        {
            if (!reader.Object(element, path, "code", "daysFromDue", "monthsFromDue", "termFraction", "actions"))
            {
                read.Add((null, null, -1));
                continue;
            }

            var code = reader.String(element, path, "code");
            var offset = ReadOffset(reader, element, path);
            var actions = reader.Array(element, path, "actions", allowEmpty: true).Select(a => ReadAction(reader, a.Item, a.Path)).ToArray();
            var listed = ConfigurationReader.Has(element, "actions") && element.GetProperty("actions").ValueKind == JsonValueKind.Array;

            // The actions' own needs were checked while reading them.
            read.Add((code, null, listed ? actions.Length : -1));
            if (code is not null && offset is not null && actions.All(a => a is not null))
            {
                steps.Add(new DunningStep(code, offset, actions!));
            }
        }

        var stepsListed = ConfigurationReader.Has(root, "steps") && root.GetProperty("steps").ValueKind == JsonValueKind.Array;
        Check(stepsListed ? read : null, reader.Sink);
        return new DunningLadder((ConfiguredRules.Passed(reader, ConfigurationName), steps.ToArray()));
    }

    private static DunningOffset? ReadOffset(ConfigurationReader reader, JsonElement element, string path)
    {
        var present = OffsetProperties.Where(p => ConfigurationReader.Has(element, p.Name)).ToArray();
        if (present.Length != 1)
        {
            reader.Problem(path, $"must have exactly one of daysFromDue, monthsFromDue, termFraction, had {present.Length}");
            return null;
        }

        var (name, kind) = present[0];
        if (reader.Decimal(element, path, name) is not { } value)
        {
            return null;
        }

        if (DunningOffset.Problem(kind, value) is { } problem)
        {
            reader.Problem($"{path}.{name}", problem);
            return null;
        }

        return new DunningOffset(kind, value);
    }

    private static DunningAction? ReadAction(ConfigurationReader reader, JsonElement element, string path)
    {
        if (!reader.Object(element, path, "kind", "template", "role", "level"))
        {
            return null;
        }

        var kind = reader.Enum<DunningActionKind>(element, path, "kind");
        var template = reader.String(element, path, "template", required: false);
        var role = reader.Enum<CreditRole>(element, path, "role", required: false);
        var level = reader.Enum<DunningWarningLevel>(element, path, "level", required: false);
        if (kind is null)
        {
            return null;
        }

        var action = new DunningAction(kind.Value, template, role, level);
        if (action.Missing() is { } missing && !ConfigurationReader.Has(element, missing.Property))
        {
            reader.Problem($"{path}.{missing.Property}", missing.Problem);
            return null;
        }

        return action;
    }
}
