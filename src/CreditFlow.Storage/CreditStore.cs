using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Approvals;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Documents;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reports;

namespace CreditFlow.Storage;

/// <summary>
/// The entry point to the credit data: names the tables and the document container from the
/// prefix, creates them, and hands out one repository per concept.
/// </summary>
/// <remarks>
/// Tables: <c>{prefix}Customers</c>, <c>{prefix}Credit</c> (profiles and the decision log, one
/// partition per customer), <c>{prefix}Applications</c>, <c>{prefix}Approvals</c>, <c>{prefix}Blacklist</c>; containers
/// <c>{prefix}documents</c> and <c>{prefix}reports</c> in lower case.
/// </remarks>
public sealed class CreditStore
{
    private readonly TableClient[] _tables;
    private readonly BlobContainerClient[] _containers;

    /// <summary>Binds the store to an account; call <see cref="EnsureCreatedAsync"/> before first use.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CreditStore(TableServiceClient tables, BlobServiceClient blobs, CreditStorageOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();

        var prefix = options.Prefix;
        var customers = tables.GetTableClient(prefix + "Customers");
        var credit = tables.GetTableClient(prefix + "Credit");
        var applications = tables.GetTableClient(prefix + "Applications");
        var approvals = tables.GetTableClient(prefix + "Approvals");
        var blacklist = tables.GetTableClient(prefix + "Blacklist");
        _tables = [customers, credit, applications, approvals, blacklist];
        var documents = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "documents");
        var reports = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "reports");
        _containers = [documents, reports];

        Customers = new CustomerRepository(customers);
        Profiles = new CreditProfileRepository(credit);
        Decisions = new DecisionLog(credit);
        Applications = new ApplicationRepository(applications, clock);
        Approvals = new ApprovalRepository(approvals);
        Documents = new DocumentStore(documents, clock, options.MaxDocumentBytes);
        Reports = new CreditReportStore(reports);
        Blacklist = new BlacklistStore(blacklist);
    }

    public CustomerRepository Customers { get; }

    public CreditProfileRepository Profiles { get; }

    public DecisionLog Decisions { get; }

    public ApplicationRepository Applications { get; }

    public ApprovalRepository Approvals { get; }

    public DocumentStore Documents { get; }

    public CreditReportStore Reports { get; }

    /// <summary>The blacklist: internal decisions, industry lists and legal cases, by registration number.</summary>
    public BlacklistStore Blacklist { get; }

    /// <summary>Opens a store on a connection string and creates its tables and container.</summary>
    public static async Task<CreditStore> OpenAsync(
        string connectionString, CreditStorageOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var store = new CreditStore(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), options, clock ?? TimeProvider.System);
        await store.EnsureCreatedAsync(cancellationToken);
        return store;
    }

    /// <summary>Creates the tables and the container when missing; safe to call repeatedly.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in _tables)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var container in _containers)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
