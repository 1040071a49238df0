namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// The instance's orchestrator, at the version it started on, is not registered in this worker; the
/// instance fails with this error, whose message names the version and the registered ones.
/// </summary>
public sealed class OrchestratorNotRunnableException(string message) : Exception(message);
