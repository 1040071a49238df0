using System.Reflection;
using System.Text.Json;

namespace CreditFlow.Functions.Tests;

/// <summary>The Functions app as its build left it: the functions.metadata the Functions host reads, and its host.json.</summary>
internal static class FunctionsApp
{
    private static string Metadata(string key) =>
        typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Every function the build declared, with its trigger binding.</summary>
    public static IReadOnlyList<DeclaredFunction> Functions { get; } = Load();

    public static JsonElement HostJson { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Metadata("FunctionsApp"), "host.json"))).RootElement.Clone();

    private static List<DeclaredFunction> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Metadata("FunctionsMetadata")));
        var functions = new List<DeclaredFunction>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            functions.Add(new DeclaredFunction(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : [],
                trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null));
        }

        return functions;
    }
}

/// <summary>One function of functions.metadata and its trigger.</summary>
internal sealed record DeclaredFunction(string Name, string Trigger, string? Route, IReadOnlyList<string> Methods, string? Schedule);
