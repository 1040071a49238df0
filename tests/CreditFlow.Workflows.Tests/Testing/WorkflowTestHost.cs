using CreditFlow.Durable;
using CreditFlow.Durable.DependencyInjection;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Testing;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.Onboarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>
/// The CreditFlow workflows on a real durable worker and real credit storage in the shared Azurite,
/// with a fake clock (timers fire when it is advanced) and captured mail.
/// </summary>
internal sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkflowTestHost(IHost host, FakeTimeProvider clock, CapturedMail mail)
    {
        _host = host;
        Clock = clock;
        Mail = mail;
    }

    /// <summary>Monday 5 January 2026, 09:00 UTC: working-day arithmetic reads plainly from here.</summary>
    public static DateTimeOffset Monday { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }

    public CapturedMail Mail { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public CreditStore Store => _host.Services.GetRequiredService<CreditStore>();

    public static async Task<WorkflowTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var clock = new FakeTimeProvider(Monday);
        var mail = new CapturedMail();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IWorkflowMail>(mail);
        builder.Services.AddSingleton<IApprovalLinks, PlainApprovalLinks>();
        builder.Services.AddSingleton<IApplicationLinks, PlainApplicationLinks>();
        var prefix = UniqueName.For("credit");
        builder.Services.AddCreditStorage(azurite.ConnectionString, prefix);
        builder.Services.AddOrderCheckStorage(azurite.ConnectionString, prefix);
        builder.Services.AddCreditFlowWorkflowServices(configuration);
        var hub = new DurableTaskOptions { HubName = UniqueName.For("wfhub"), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500) };
        builder.Services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddCreditFlowWorkflows()).UseCreditFlowStorage(azurite.ConnectionString, hub));
        builder.Services.AddDurableTaskClient(b => b.UseCreditFlowStorage(azurite.ConnectionString, hub));
        var host = builder.Build();
        await host.StartAsync();
        return new WorkflowTestHost(host, clock, mail);
    }

    /// <summary>
    /// Waits (bounded, real time) until the instance's custom status satisfies <paramref name="condition"/>:
    /// the workflow has reached the point the test acts on, e.g. waiting for an approval.
    /// </summary>
    public async Task<T> WaitForStatusAsync<T>(string instanceId, Func<T, bool> condition, TimeSpan? timeout = null)
        where T : class
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        T? last = null;
        try
        {
            while (true)
            {
                var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation: cts.Token);
                if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
                {
                    throw new InvalidOperationException($"{instanceId} failed: {instance.FailureDetails?.ErrorMessage}\n{instance.FailureDetails?.StackTrace}");
                }

                last = instance?.ReadCustomStatusAs<T>();
                if (last is not null && condition(last))
                {
                    return last;
                }

                await Task.Delay(25, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{instanceId} never reached the expected status; last: {last}");
        }
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> mails went to <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<WorkflowMail>> WaitForMailAsync(string address, int count = 1)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Mail.To(address).Count < count)
        {
            await Task.Delay(25, cts.Token);
        }

        return Mail.To(address);
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        if (done.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            throw new InvalidOperationException($"{instanceId} failed: {done.FailureDetails?.ErrorMessage}\n{done.FailureDetails?.StackTrace}");
        }

        return done;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
