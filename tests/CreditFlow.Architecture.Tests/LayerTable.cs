namespace CreditFlow.Architecture.Tests;

/// <summary>
/// Reads the layer table of docs/architecture.md (between <c>&lt;!-- layers:start --&gt;</c> and
/// <c>&lt;!-- layers:end --&gt;</c>): <c>| `Project` | must not reference |</c>, the second column a comma-separated
/// list of project names, <c>packages</c> and <c>ASP.NET Core</c>. The page is the rule; this only reads it.
/// </summary>
internal static class LayerTable
{
    public const string Packages = "packages";
    public const string AspNetCore = "ASP.NET Core";

    /// <exception cref="FormatException">The markers or a row are not as described.</exception>
    public static IReadOnlyList<LayerRule> Parse(string markdown)
    {
        var start = markdown.IndexOf("<!-- layers:start -->", StringComparison.Ordinal);
        var end = markdown.IndexOf("<!-- layers:end -->", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new FormatException("docs/architecture.md has no <!-- layers:start --> … <!-- layers:end --> table.");
        }

        var rules = new List<LayerRule>();
        foreach (var line in markdown[start..end].Split('\n').Select(l => l.Trim()))
        {
            if (!line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| layer", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 2)
            {
                throw new FormatException($"A layer row needs two cells: {line}");
            }

            var forbidden = cells[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.Trim('`')).ToArray();
            var unknown = forbidden.Where(t => t != Packages && t != AspNetCore && !t.StartsWith("CreditFlow.", StringComparison.Ordinal)).ToArray();
            if (unknown.Length > 0)
            {
                throw new FormatException($"Unknown entries in a layer row: {string.Join(", ", unknown)} ({line})");
            }

            rules.Add(new LayerRule(
                cells[0].Trim('`'),
                forbidden.Where(t => t.StartsWith("CreditFlow.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal),
                forbidden.Contains(Packages),
                forbidden.Contains(AspNetCore)));
        }

        return rules;
    }
}
