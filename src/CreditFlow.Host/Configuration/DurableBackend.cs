namespace CreditFlow.Host.Configuration;

/// <summary>Which engine runs the workflows: host.json's <c>extensions.durableTask.storageProvider.type</c>, as in Durable Functions.</summary>
public enum DurableBackend
{
    /// <summary>CreditFlow's own engine (<c>src/CreditFlow.Durable</c>), the default.</summary>
    CreditFlow,

    /// <summary>Microsoft's Durable Task Framework on Azure Storage, the engine under Durable Functions (<c>src/CreditFlow.Durable.AzureStorage</c>).</summary>
    AzureStorage,
}
