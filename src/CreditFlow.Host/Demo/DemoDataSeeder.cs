using CreditFlow.Workflows;

namespace CreditFlow.Host.Demo;

/// <summary>
/// Seeds the demo data after the host started, when <c>Demo__Seed</c> is true (the run command sets
/// it). A failure is logged, never fatal: the demo is a convenience, not part of the service.
/// </summary>
internal sealed class DemoDataSeeder(DemoData demo, IHostApplicationLifetime lifetime, ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After start-up: the credit tables and the durable worker must be ready first.
        await lifetime.StartedAsync(stoppingToken);
        try
        {
            await demo.SeedAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Seeding the demo data failed.");
        }
    }
}
