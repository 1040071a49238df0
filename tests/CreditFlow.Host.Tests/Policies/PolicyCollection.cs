using CreditFlow.Host.Tests.Erp;

namespace CreditFlow.Host.Tests.Policies;

/// <summary>
/// The policy tests' own ERP host: a version they approve decides every later order of the host, so no other test may
/// share it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PolicyCollection : ICollectionFixture<ErpHost>
{
    public const string Name = "policies";
}
