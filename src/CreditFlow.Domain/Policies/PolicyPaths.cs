using System.Globalization;
using System.Text;

namespace CreditFlow.Domain.Policies;

/// <summary>
/// A value's place in the policy document said in words, for the people who approve a change to it:
/// <c>orderCheck.stopLineDaysOverdue</c> → "Order check › stop line days overdue",
/// <c>dunningLadder.steps[4].daysFromDue</c> → "Dunning ladder › step 5 › days from due".
/// </summary>
public static class PolicyPaths
{
    private const string Separator = " › ";

    /// <summary>
    /// <paramref name="path"/> (as <see cref="PolicyChange.Path"/> writes it) in words: each name split where its
    /// words join (camelCase and PascalCase), an item of a list by its singular and its number counted from 1. A name
    /// of one capital (a credit class) stays as it is.
    /// </summary>
    /// <param name="path">A dotted path with list indexes, e.g. <c>authorityMatrix.tiers[1].upTo</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static string InWords(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = new List<string>();
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = Words(bracket < 0 ? segment : segment[..bracket]);
            if (bracket < 0)
            {
                parts.Add(name);
                continue;
            }

            // items[2][0]: the list's item 3, then that item's first.
            var indexes = segment[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries)
                .Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (n + 1).ToString(CultureInfo.InvariantCulture) : i)
                .ToList();
            parts.Add($"{Singular(name)} {indexes[0]}");
            parts.AddRange(indexes.Skip(1).Select(i => $"item {i}"));
        }

        if (parts.Count > 0 && parts[0].Length > 0)
        {
            parts[0] = char.ToUpperInvariant(parts[0][0]) + parts[0][1..];
        }

        return string.Join(Separator, parts);
    }

    /// <summary>"stopLineDaysOverdue" → "stop line days overdue", "OverLimit" → "over limit", "ClassD" → "class D", "A" → "A".</summary>
    private static string Words(string name)
    {
        if (name.Length <= 1 || name.All(char.IsUpper))
        {
            return name;
        }

        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                words.Append(' ');
            }

            // A capital starting a word is lowered; one standing alone (the D of ClassD) is a name and stays.
            var startsWord = i + 1 < name.Length && char.IsLower(name[i + 1]);
            words.Append(char.IsUpper(c) && startsWord ? char.ToLowerInvariant(c) : c);
        }

        return words.ToString();
    }

    /// <summary>The name of one item of a list: "steps" → "step", "policies" → "policy".</summary>
    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith('s') && !name.EndsWith("ss", StringComparison.Ordinal) ? name[..^1]
        : name;
}
