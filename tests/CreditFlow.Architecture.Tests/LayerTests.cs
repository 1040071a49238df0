using CreditFlow.Testing;

namespace CreditFlow.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md, enforced: each row of its layer table names a project and what it
/// must not reach, and every project file and source file of that project is held to it. A rule says
/// only what is forbidden, so the layers may change what they use (say, workflows on the Durable Task
/// SDK's packages instead of CreditFlow.Durable) without touching this test.
/// </summary>
public sealed class LayerTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly IReadOnlyList<LayerRule> Rules = LayerTable.Parse(File.ReadAllText(Path.Combine(Root, "docs", "architecture.md")));

    public static TheoryData<string> Layers() => new(Rules.Select(r => r.Project));

    [Fact]
    public void Table_HasARowForEveryProjectBelowTheHost()
    {
        var products = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => IsProduct(p))
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n != "CreditFlow.Host")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(products, Rules.Select(r => r.Project).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Layer_ReachesNothingTheTableForbids(string layer)
    {
        var rule = Rules.Single(r => r.Project == layer);
        var source = ProjectSource.Read(ProjectFile(layer));

        Assert.Empty(Violations(rule, source));
    }

    [Fact]
    public void Violations_ACheckThatCanFail_FindsEachKindOfReach()
    {
        var rule = new LayerRule("CreditFlow.Storage", new HashSet<string> { "CreditFlow.Workflows", "CreditFlow.Host" }, NoPackages: false, NoAspNetCore: true);
        var source = new ProjectSource(
            "CreditFlow.Storage",
            ["CreditFlow.Domain", "CreditFlow.Workflows"],
            ["Azure.Data.Tables"],
            ["Microsoft.AspNetCore.App"],
            [("A.cs", "CreditFlow.Domain.OrderCheck"), ("B.cs", "CreditFlow.Host.Erp"), ("C.cs", "Microsoft.AspNetCore.Http")]);

        Assert.Equal(
            [
                "project reference CreditFlow.Workflows",
                "framework Microsoft.AspNetCore.App",
                "B.cs: CreditFlow.Host.Erp",
                "C.cs: Microsoft.AspNetCore.Http",
            ],
            Violations(rule, source));
    }

    [Fact]
    public void NamespacesIn_FindsDirectivesAndQualifiedNames()
    {
        const string Source = """
            global using CreditFlow.Domain.Roles;
            using static CreditFlow.Storage.TableKeys;
            using Json = System.Text.Json.JsonSerializer;
            namespace CreditFlow.Workflows.X;
            class C { object F() => new CreditFlow.Host.Erp.Thing(); Microsoft.AspNetCore.Http.HttpContext? H; }
            """;

        var found = ProjectSource.NamespacesIn(Source).ToArray();

        Assert.Contains("CreditFlow.Domain.Roles", found);
        Assert.Contains("CreditFlow.Storage.TableKeys", found);
        Assert.Contains("System.Text.Json.JsonSerializer", found);
        Assert.Contains("CreditFlow.Host.Erp.Thing", found);
        Assert.Contains("Microsoft.AspNetCore.Http.HttpContext", found);
    }

    private static IEnumerable<string> Violations(LayerRule rule, ProjectSource source)
    {
        foreach (var reference in source.ProjectReferences.Where(rule.ForbiddenProjects.Contains))
        {
            yield return $"project reference {reference}";
        }

        if (rule.NoPackages)
        {
            foreach (var package in source.PackageReferences)
            {
                yield return $"package {package}";
            }
        }

        if (rule.NoAspNetCore)
        {
            foreach (var framework in source.FrameworkReferences.Where(f => f.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)))
            {
                yield return $"framework {framework}";
            }
        }

        foreach (var (file, ns) in source.NamespacesUsed.Distinct())
        {
            if (rule.ForbiddenProjects.Any(p => ProjectSource.IsIn(ns, p)) || (rule.NoAspNetCore && ProjectSource.IsIn(ns, "Microsoft.AspNetCore")))
            {
                yield return $"{file}: {ns}";
            }
        }
    }

    private static string ProjectFile(string name) =>
        Directory.EnumerateFiles(Root, name + ".csproj", SearchOption.AllDirectories).Single(IsProduct);

    // Production code: src/, workflows/ and tools/; not tests, benchmarks, or a copy under node_modules.
    private static bool IsProduct(string path)
    {
        var relative = Path.GetRelativePath(Root, path).Replace('\\', '/');
        return relative.StartsWith("src/", StringComparison.Ordinal)
            || relative.StartsWith("workflows/", StringComparison.Ordinal)
            || relative.StartsWith("tools/", StringComparison.Ordinal);
    }
}
