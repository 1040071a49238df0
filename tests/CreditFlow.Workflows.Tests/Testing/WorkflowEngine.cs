namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>The engine a workflow test runs on: each lifecycle test class has one fixture per engine.</summary>
public enum WorkflowEngine
{
    /// <summary>CreditFlow's engine, time moved by a fake clock.</summary>
    CreditFlow,

    /// <summary>Microsoft's Durable Task Framework on Azure Storage, whose timers follow the wall clock.</summary>
    AzureStorage,
}
