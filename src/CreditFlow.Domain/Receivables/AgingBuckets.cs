using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Receivables;

/// <summary>One aging bucket: receivables overdue up to <see cref="UpToDays"/> days (inclusive) and above the previous bucket's bound.</summary>
/// <param name="Label">Its name in reports, e.g. <c>31-60</c>.</param>
/// <param name="UpToDays">Highest days overdue in the bucket; <c>null</c> for the open-ended last bucket.</param>
public sealed record AgingBucket(string Label, int? UpToDays);

/// <summary>
/// The aging buckets of the receivable analysis. Days overdue = today − due date; the first bucket
/// also holds everything not yet due (zero or negative days).
/// </summary>
/// <remarks>Shipped default (<c>Defaults/aging-buckets.json</c>): current (≤ 0), 1-30, 31-60, 61-90, 91-180, over 180.</remarks>
public sealed class AgingBuckets
{
    private const string ConfigurationName = "aging buckets";
    private static readonly Lazy<AgingBuckets> Shipped = ConfiguredRules.Shipped("aging-buckets.json", Parse);

    /// <summary>Creates buckets from the lowest up.</summary>
    /// <exception cref="ArgumentException">No bucket, a blank or repeated label, bounds not ascending, a bounded last bucket or an unbounded earlier one.</exception>
    public AgingBuckets(IEnumerable<AgingBucket> buckets)
        : this(Checked(buckets))
    {
    }

    private AgingBuckets((Validated Validated, AgingBucket[] Buckets) checkedBuckets) => Buckets = checkedBuckets.Buckets;

    /// <summary>The shipped default buckets.</summary>
    public static AgingBuckets Default => Shipped.Value;

    /// <summary>The buckets, lowest first.</summary>
    public IReadOnlyList<AgingBucket> Buckets { get; }

    /// <summary>Index of the bucket holding a receivable <paramref name="daysOverdue"/> days overdue.</summary>
    public int IndexOf(int daysOverdue)
    {
        for (var i = 0; i < Buckets.Count - 1; i++)
        {
            if (daysOverdue <= Buckets[i].UpToDays)
            {
                return i;
            }
        }

        return Buckets.Count - 1;
    }

    /// <summary>Reads <c>{ "buckets": [ { "label": "current", "upToDays": 0 }, ..., { "label": "&gt;180" } ] }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static AgingBuckets Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "buckets");
        var buckets = new List<AgingBucket>();
        var readable = true;
        foreach (var (element, path) in reader.Array(root, "$", "buckets", allowEmpty: true))
        {
            if (reader.Object(element, path, "label", "upToDays"))
            {
                var label = reader.String(element, path, "label");
                buckets.Add(new AgingBucket(label ?? string.Empty, reader.Int(element, path, "upToDays", required: false)));
                readable &= label is not null;
            }
            else
            {
                readable = false;
            }
        }

        if (readable && ConfigurationReader.Has(root, "buckets"))
        {
            foreach (var problem in Validate(buckets, "$.buckets"))
            {
                reader.Problem(problem.Path, problem.Problem);
            }
        }

        return new AgingBuckets((ConfiguredRules.Passed(reader, ConfigurationName), buckets.ToArray()));
    }

    private static (Validated, AgingBucket[]) Checked(IEnumerable<AgingBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var list = buckets.ToArray();
        var validated = ConfiguredRules.Validate(nameof(buckets), problems =>
        {
            foreach (var problem in Validate(list, "buckets"))
            {
                problems.Add(problem);
            }
        });
        return (validated, list);
    }

    private static IEnumerable<ConfigurationProblem> Validate(IReadOnlyList<AgingBucket> buckets, string path)
    {
        if (buckets.Count == 0)
        {
            yield return new ConfigurationProblem(path, "must list at least one bucket");
            yield break;
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            var (label, upTo) = buckets[i];
            var last = i == buckets.Count - 1;
            if (string.IsNullOrWhiteSpace(label))
            {
                yield return new ConfigurationProblem($"{path}[{i}].label", "must not be blank");
            }
            else if (buckets.Take(i).Any(b => b.Label == label))
            {
                yield return new ConfigurationProblem($"{path}[{i}].label", $"'{label}' is used by an earlier bucket");
            }

            if (last && upTo is { } bound)
            {
                yield return new ConfigurationProblem($"{path}[{i}].upToDays", $"the last bucket must be open-ended (omit upToDays), was {bound}");
            }
            else if (!last && upTo is null)
            {
                yield return new ConfigurationProblem($"{path}[{i}].upToDays", "only the last bucket may be open-ended");
            }
            else if (i > 0 && upTo is { } current && buckets[i - 1].UpToDays is { } previous && current <= previous)
            {
                yield return new ConfigurationProblem($"{path}[{i}].upToDays", $"must be above the previous bucket's {previous}, was {current}");
            }
        }
    }
}
