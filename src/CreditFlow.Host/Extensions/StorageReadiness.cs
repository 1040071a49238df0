using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Extensions;

/// <summary>Answers whether the storage account answers, for <c>/readyz</c>.</summary>
internal sealed class StorageReadiness(CreditFlowSettings settings)
{
    // A readiness probe must answer fast: no retries, short timeouts.
    private readonly TableServiceClient _tables = new(settings.StorageConnectionString, Fast(new TableClientOptions()));
    private readonly QueueServiceClient _queues = new(settings.StorageConnectionString, Fast(new QueueClientOptions()));
    private readonly BlobServiceClient _blobs = new(settings.StorageConnectionString, Fast(new BlobClientOptions()));

    /// <summary>Null when every service answered; otherwise the reason.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new (string Service, Func<Task> Probe)[]
        {
            ("table", async () => { await foreach (var _ in _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages()) { break; } }),
            ("queue", async () => { await foreach (var _ in _queues.GetQueuesAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1)) { break; } }),
            ("blob", async () => { await foreach (var _ in _blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1)) { break; } }),
        };
        var results = await Task.WhenAll(checks.Select(async c =>
        {
            try
            {
                await c.Probe();
                return null;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
            {
                return $"{c.Service} storage at {Endpoint(c.Service)} did not answer: {FirstLine(e.Message)}";
            }
        }));
        var failures = results.Where(r => r is not null).ToList();
        return failures.Count == 0 ? null : string.Join("; ", failures);
    }

    private string Endpoint(string service) => service switch
    {
        "table" => _tables.Uri.GetLeftPart(UriPartial.Authority),
        "queue" => _queues.Uri.GetLeftPart(UriPartial.Authority),
        _ => _blobs.Uri.GetLeftPart(UriPartial.Authority),
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private static T Fast<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        return options;
    }
}

internal static class StorageReadinessExtensions
{
    public static IServiceCollection AddStorageReadiness(this IServiceCollection services, CreditFlowSettings settings) =>
        services.AddSingleton(new StorageReadiness(settings));
}
