using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;

namespace CreditFlow.Host.Admin;

/// <summary>
/// The CLR types an orchestration's payloads are read into, found from its name: input and output
/// from the <see cref="TaskOrchestrator{TInput, TOutput}"/> class of that name; custom status, which
/// has no declared type, from the one type in the orchestrator's namespace whose properties are
/// exactly the keys of the stored object. Unknown (a function orchestrator, another app's) gives null.
/// </summary>
internal static class PayloadTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Orchestrators = new(StringComparer.Ordinal);

    public static (Type? Input, Type? Output) Of(string orchestratorName)
    {
        var orchestrator = Orchestrators.GetOrAdd(orchestratorName, Find);
        var generic = orchestrator is null ? null : BaseOf(orchestrator);
        return generic is null ? (null, null) : (generic.GetGenericArguments()[0], generic.GetGenericArguments()[1]);
    }

    /// <summary>The type of a custom status object, when exactly one type beside the orchestrator has its keys.</summary>
    public static Type? CustomStatus(string orchestratorName, string? json)
    {
        if (Orchestrators.GetOrAdd(orchestratorName, Find) is not { } orchestrator || json is null)
        {
            return null;
        }

        HashSet<string> keys;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject obj)
            {
                return null;
            }

            keys = obj.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var matches = Types(orchestrator.Assembly)
            .Where(t => t.Namespace == orchestrator.Namespace && t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(keys))
            .Take(2)
            .ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static Type? Find(string name) => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => a.GetName().Name?.StartsWith("CreditFlow", StringComparison.Ordinal) == true)
        .SelectMany(Types)
        .FirstOrDefault(t => t.Name == name && !t.IsAbstract && BaseOf(t) is not null);

    private static Type? BaseOf(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>))
            {
                return t;
            }
        }

        return null;
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or NotSupportedException)
        {
            return [];
        }
    }
}
