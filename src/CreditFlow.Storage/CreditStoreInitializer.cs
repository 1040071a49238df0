using Microsoft.Extensions.Hosting;

namespace CreditFlow.Storage;

/// <summary>Creates the tables and container when the host starts, before any request is served.</summary>
internal sealed class CreditStoreInitializer(CreditStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
