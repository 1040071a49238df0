using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Abstractions;

namespace CreditFlow.Durable.Versioning;

/// <summary>
/// The orchestrator versions a worker can run, read from the SDK's <see cref="DurableTaskRegistry"/>:
/// an orchestrator class declares its version with <c>[DurableTask("Name", Version = "2")]</c> and is
/// registered beside the older ones. New instances start on the newest version of their name;
/// running ones replay on the version they started on.
/// </summary>
/// <remarks>
/// The SDK keeps the version of each registration internal to its own backends, so the engine learns
/// it from the registered class's <see cref="DurableTaskAttribute"/>: it creates each orchestrator
/// once at start-up (orchestrators are plain, deterministic classes). Registrations without that
/// attribute (functions, singletons) are unversioned. Public because Microsoft's engine
/// (<c>CreditFlow.Durable.AzureStorage</c>) routes versions by the same rule; not for application code.
/// </remarks>
public sealed class OrchestratorVersions
{
    private readonly Dictionary<string, SortedDictionary<string, Func<IServiceProvider, ITaskOrchestrator>>> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the version of every orchestrator in <paramref name="registry"/>.</summary>
    /// <param name="registry">The SDK's registry of the worker.</param>
    /// <param name="services">Where the orchestrators are created from, once each, to read their attribute.</param>
    /// <exception cref="InvalidOperationException">Two registrations have the same name and version.</exception>
    public OrchestratorVersions(DurableTaskRegistry registry, IServiceProvider services)
    {
        foreach (var (name, factory) in registry.GetOrchestrators())
        {
            var version = VersionOf(factory, services);
            if (!_byName.TryGetValue(name.Name, out var versions))
            {
                _byName[name.Name] = versions = new SortedDictionary<string, Func<IServiceProvider, ITaskOrchestrator>>(VersionOrder.Instance);
            }

            if (!versions.TryAdd(version, factory))
            {
                throw new InvalidOperationException(
                    $"Orchestrator '{name.Name}' is registered twice as {Describe(version)}. Register each version as its own class with " +
                    $"[DurableTask(\"{name.Name}\", Version = \"...\")] and a version no other class of that name has.");
            }
        }
    }

    /// <summary>The version a new instance of <paramref name="name"/> starts on: the newest registered; null when unversioned or unknown.</summary>
    /// <param name="name">The orchestrator's name.</param>
    public string? Newest(string name) =>
        _byName.TryGetValue(name, out var versions) && versions.Keys.Last() is { Length: > 0 } newest ? newest : null;

    /// <summary>Creates the orchestrator of <paramref name="name"/> at <paramref name="version"/>, or explains why none can replay it.</summary>
    /// <param name="name">The orchestrator's name.</param>
    /// <param name="version">The version the instance started on; null or empty for unversioned.</param>
    /// <param name="services">Where the orchestrator is created from.</param>
    /// <param name="problem">Why none was created: no such name, or no such version (naming the registered ones).</param>
    public ITaskOrchestrator? Create(string name, string? version, IServiceProvider services, out string? problem)
    {
        problem = null;
        if (!_byName.TryGetValue(name, out var versions))
        {
            problem = $"No orchestrator named '{name}' is registered in this worker.";
            return null;
        }

        if (versions.TryGetValue(version ?? string.Empty, out var factory))
        {
            return factory(services);
        }

        problem = $"Instance started on '{name}' {Describe(version)}, which this worker does not have; it has {string.Join(", ", versions.Keys.Select(Describe))}. " +
            "A version stays registered until its last instance has ended.";
        return null;
    }

    /// <summary>
    /// The version the registered class declares. One that cannot even be created here counts as
    /// unversioned; running it fails the same way later, and its messages end in the poison queue.
    /// </summary>
    private static string VersionOf(Func<IServiceProvider, ITaskOrchestrator> factory, IServiceProvider services)
    {
        try
        {
            return factory(services).GetType().GetCustomAttribute<DurableTaskAttribute>()?.Version ?? string.Empty;
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static string Describe(string? version) => string.IsNullOrEmpty(version) ? "unversioned" : $"version '{version}'";

    /// <summary>The SDK's version order: unversioned first, then numeric versions, then text.</summary>
    private sealed class VersionOrder : IComparer<string>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(string? x, string? y) => TaskOrchestrationVersioningUtils.CompareVersions(x ?? string.Empty, y ?? string.Empty);
    }
}
