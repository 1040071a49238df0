using Azure.Core;
using Azure.Data.Tables;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Imports;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Policies;
using CreditFlow.Storage.Reviews;
using CreditFlow.Storage.Warnings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditFlow.Storage.Orders;

/// <summary>Registers the order check's storage: the customer ledger (in the credit table) and the holds worklist.</summary>
public static class OrderCheckStorageExtensions
{
    /// <summary>
    /// Registers <see cref="CustomerLedgerStore"/> on <c>{prefix}Credit</c> (created by the credit
    /// store), <see cref="HoldRepository"/> on <c>{prefix}Holds</c> and dunning's tables (<see cref="DunningStorageExtensions"/>), created in the background at start.
    /// </summary>
    public static IServiceCollection AddOrderCheckStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // The ledger has a client of its own so its requests can be counted apart from the worklist's.
        var tally = new StorageRequestTally();
        var options = new TableClientOptions();
        options.AddPolicy(tally, HttpPipelinePosition.PerRetry);
        services.AddSingleton(tally);
        services.AddSingleton(new CustomerLedgerStore(new TableServiceClient(connectionString, options).GetTableClient(prefix + "Credit")));
        var holds = new HoldRepository(new TableServiceClient(connectionString).GetTableClient(prefix + "Holds"));
        services.AddSingleton(holds);
        // Not AddHostedService: it keeps one registration per implementation type, and two stores use this one.
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the holds table", async ct => await holds.Table.CreateIfNotExistsAsync(ct), sp.GetService<Microsoft.Extensions.Logging.ILogger<StorageInitializer>>()));

        // Every invoice the ledger books is followed by dunning, which people work through tasks.
        services.AddDunningStorage(connectionString, prefix);

        // Dunning's yellow and the signals raise warnings, answered through tasks.
        services.AddWarningStorage(connectionString, prefix);

        // Warnings and the schedule bring customers to re-review.
        services.AddReviewStorage(connectionString, prefix);

        // Dunning at red hands the customer's invoices to legal as a case.
        services.AddCaseStorage(connectionString, prefix);

        // Customers, invoices and payments come from files too, checked whole and then applied.
        services.AddImportStorage(connectionString, prefix);

        // The order check decides under the credit policy in force, drafted and approved as versions.
        services.AddPolicyStorage(connectionString, prefix);
        return services;
    }
}
