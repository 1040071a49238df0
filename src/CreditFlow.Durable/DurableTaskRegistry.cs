namespace CreditFlow.Durable;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
/// <remarks>A type registers under its class name unless a name is given, as in the Durable Task SDK.</remarks>
public sealed class DurableTaskRegistry
{
    internal Dictionary<string, Type> Orchestrators { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal Dictionary<string, Type> Activities { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator under its class name.</summary>
    public DurableTaskRegistry AddOrchestrator<T>()
        where T : class, ITaskOrchestrator => AddOrchestrator<T>(typeof(T).Name);

    /// <summary>Registers an orchestrator under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is already taken.</exception>
    public DurableTaskRegistry AddOrchestrator<T>(string name)
        where T : class, ITaskOrchestrator
    {
        if (!Orchestrators.TryAdd(name, typeof(T)))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity under its class name.</summary>
    public DurableTaskRegistry AddActivity<T>()
        where T : class, ITaskActivity => AddActivity<T>(typeof(T).Name);

    /// <summary>Registers an activity under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is already taken.</exception>
    public DurableTaskRegistry AddActivity<T>(string name)
        where T : class, ITaskActivity
    {
        if (!Activities.TryAdd(name, typeof(T)))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }
}
