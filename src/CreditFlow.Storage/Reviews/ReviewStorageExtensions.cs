using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Reviews;

/// <summary>Registers the re-reviews' storage.</summary>
public static class ReviewStorageExtensions
{
    /// <summary>Registers <see cref="ReviewStore"/> on <c>{prefix}Reviews</c>, created at start.</summary>
    public static IServiceCollection AddReviewStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var reviews = new ReviewStore(new TableServiceClient(connectionString).GetTableClient(prefix + "Reviews"));
        services.AddSingleton(reviews);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the reviews table", async ct => await reviews.Table.CreateIfNotExistsAsync(ct), sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
