namespace CreditFlow.Host.Tests.Erp;

/// <summary>The ERP test classes share one host (starting one costs seconds); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ErpCollection : ICollectionFixture<ErpHost>
{
    public const string Name = "erp";
}
