namespace CreditFlow.Host.Configuration;

/// <summary>A setting is missing, malformed or out of range; start-up stops with this message.</summary>
public sealed class SettingsException(string key, string problem)
    : Exception($"Configuration error: {key}: {problem}")
{
    /// <summary>The setting as a user names it, e.g. <c>host.json extensions.durableTask.hubName</c>.</summary>
    public string Key { get; } = key;

    public string Problem { get; } = problem;
}
