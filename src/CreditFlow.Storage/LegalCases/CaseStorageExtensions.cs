using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.LegalCases;

/// <summary>Registers the legal cases' storage.</summary>
public static class CaseStorageExtensions
{
    /// <summary>Registers <see cref="CaseStore"/> on <c>{prefix}Cases</c> and <see cref="CaseFileStore"/> on <c>{prefix}casefiles</c>, created at start.</summary>
    public static IServiceCollection AddCaseStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var cases = new CaseStore(new TableServiceClient(connectionString).GetTableClient(prefix + "Cases"));
        var files = new CaseFileStore(new BlobServiceClient(connectionString).GetBlobContainerClient(prefix.ToLowerInvariant() + "casefiles"));
        services.AddSingleton(cases);
        services.AddSingleton(files);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the legal cases' table and files",
            async ct =>
            {
                await cases.Table.CreateIfNotExistsAsync(ct);
                await files.Container.CreateIfNotExistsAsync(cancellationToken: ct);
            },
            sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
