using System.Text.Json;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Authority;

public sealed partial class AuthorityMatrix
{
    private const string ConfigurationName = "authority matrix";

    /// <summary>
    /// Reads a matrix from JSON:
    /// <c>{ "currency": "CNY", "cumulative": false, "tiers": [ { "role": "CreditOfficer", "upTo": 1000000 }, ..., { "role": "CreditCommittee" } ] }</c>.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static AuthorityMatrix Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "currency", "cumulative", "tiers");
        var currency = reader.Currency(root, "$", "currency");
        var cumulative = reader.Bool(root, "$", "cumulative", required: false) ?? false;

        var tiers = new List<(CreditRole? Role, decimal? UpTo)>();
        var allObjects = true;
        foreach (var (element, path) in reader.Array(root, "$", "tiers", allowEmpty: true))
        {
            allObjects &= reader.Object(element, path, "role", "upTo");
            tiers.Add(element.ValueKind == JsonValueKind.Object
                ? (reader.Enum<CreditRole>(element, path, "role"), reader.Decimal(element, path, "upTo", required: false))
                : (null, null));
        }

        // Ordering checks only make sense once every tier could be read.
        if (ConfigurationReader.Has(root, "tiers") && allObjects)
        {
            foreach (var problem in Validate(tiers, i => $"$.tiers[{i}]"))
            {
                reader.Problem(problem.Path == "tiers" ? "$.tiers" : problem.Path, problem.Problem);
            }
        }

        var validated = ConfiguredRules.Passed(reader, ConfigurationName);
        return new AuthorityMatrix((validated, tiers.Select(t => (t.Role!.Value, t.UpTo)).ToArray()), currency!.Value, cumulative);
    }
}
