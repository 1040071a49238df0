using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CreditFlow.Architecture.Tests;

/// <summary>What a project reaches, as its project file and its source say.</summary>
internal sealed partial record ProjectSource(
    string Name,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences,
    IReadOnlyList<string> FrameworkReferences,
    IReadOnlyList<(string File, string Namespace)> NamespacesUsed)
{
    /// <summary>Reads the project at <paramref name="csprojPath"/>: its references and every namespace its .cs files import or spell out.</summary>
    public static ProjectSource Read(string csprojPath)
    {
        var project = XDocument.Load(csprojPath);
        string[] Includes(string item) => project.Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>().ToArray();
        var directory = Path.GetDirectoryName(csprojPath)!;
        var namespaces = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, file);
            if (relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            namespaces.AddRange(NamespacesIn(text).Select(n => (relative, n)));
        }

        return new ProjectSource(
            Path.GetFileNameWithoutExtension(csprojPath),
            Includes("ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))).ToArray(),
            Includes("PackageReference"),
            Includes("FrameworkReference"),
            namespaces);
    }

    /// <summary>Namespaces a source text imports (<c>using</c>, <c>global using</c>, <c>using static</c>, aliases) or writes out in full (<c>CreditFlow.X.Y</c>, <c>Microsoft.AspNetCore.X</c>).</summary>
    public static IEnumerable<string> NamespacesIn(string source)
    {
        foreach (Match m in UsingDirective().Matches(source))
        {
            yield return m.Groups["ns"].Value;
        }

        foreach (Match m in QualifiedName().Matches(source))
        {
            yield return m.Value;
        }
    }

    /// <summary>True when <paramref name="ns"/> is <paramref name="root"/> or inside it.</summary>
    public static bool IsIn(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<ns>[A-Za-z_][\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(?:CreditFlow|Microsoft\.AspNetCore)(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();
}
