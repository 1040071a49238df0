using CreditFlow.Durable;
using CreditFlow.Durable.AzureStorage;
using CreditFlow.Durable.AzureStorage.DependencyInjection;
using CreditFlow.Durable.DependencyInjection;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Testing;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Mail;
using CreditFlow.Workflows.Onboarding;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>
/// The CreditFlow workflows on a real durable worker and real credit storage in the shared Azurite, with
/// captured mail. On CreditFlow's engine a fake clock moves business time (timers fire when it is advanced);
/// Microsoft's engine fires timers on the wall clock, so there the business durations are configured short
/// (<see cref="ShortTrialPeriod"/>) and <see cref="Pass"/> does nothing: the timers fire by themselves.
/// </summary>
internal sealed class WorkflowTestHost : IAsyncDisposable
{
    /// <summary>The trial period on Microsoft's engine: long enough to act on the trial stage, short enough to wait for.</summary>
    public static readonly TimeSpan ShortTrialPeriod = TimeSpan.FromSeconds(3);

    private readonly IHost _host;
    private readonly FakeTimeProvider? _clock;

    private WorkflowTestHost(IHost host, WorkflowEngine engine, FakeTimeProvider? clock, CapturedMail mail)
    {
        _host = host;
        Engine = engine;
        _clock = clock;
        Mail = mail;
        StartedAt = Now;
    }

    /// <summary>Monday 5 January 2026, 09:00 UTC: working-day arithmetic reads plainly from here.</summary>
    public static DateTimeOffset Monday { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public WorkflowEngine Engine { get; }

    /// <summary>The fake clock of CreditFlow's engine; tests of calendar arithmetic run only there.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("Microsoft's engine follows the wall clock; this test belongs to CreditFlow's engine only.");

    /// <summary>Business time now, as the workflows see it.</summary>
    public DateTimeOffset Now => _clock?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    /// <summary>Business time when the host started (Monday 09:00 on CreditFlow's engine).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The onboarding settings the workflows run with.</summary>
    public OnboardingOptions Onboarding => _host.Services.GetRequiredService<IOptions<OnboardingOptions>>().Value;

    /// <summary>
    /// Lets <paramref name="businessTime"/> pass: CreditFlow's engine moves its fake clock; on Microsoft's engine the
    /// configured durations are short and its timers fire on the wall clock by themselves, so the next wait covers it.
    /// </summary>
    public void Pass(TimeSpan businessTime) => _clock?.Advance(businessTime);

    public CapturedMail Mail { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public CreditStore Store => _host.Services.GetRequiredService<CreditStore>();

    /// <summary>A service of the host, e.g. the ledger bookings the ERP webhooks call.</summary>
    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<WorkflowTestHost> StartAsync(WorkflowEngine engine = WorkflowEngine.CreditFlow, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var clock = engine == WorkflowEngine.CreditFlow ? new FakeTimeProvider(Monday) : null;
        var mail = new CapturedMail();
        var values = new Dictionary<string, string?>();
        if (engine == WorkflowEngine.AzureStorage)
        {
            values["Onboarding:TrialPeriod"] = ShortTrialPeriod.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(clock is null ? TimeProvider.System : clock);
        builder.Services.AddSingleton<IWorkflowMail>(mail);
        builder.Services.AddSingleton<IApprovalLinks, PlainApprovalLinks>();
        builder.Services.AddSingleton<IApplicationLinks, PlainApplicationLinks>();
        var prefix = UniqueName.For("credit");
        builder.Services.AddCreditStorage(azurite.ConnectionString, prefix);
        builder.Services.AddOrderCheckStorage(azurite.ConnectionString, prefix);
        builder.Services.AddCreditFlowWorkflowServices(configuration);
        builder.Services.AddOrderCheck(_ => { });
        builder.Services.AddSingleton<IErpCallbacks, AnsweringErp>();
        if (engine == WorkflowEngine.AzureStorage)
        {
            // A trial period of seconds is below the production minimum of one day, which guards real deployments.
            builder.Services.RemoveAll<IValidateOptions<OnboardingOptions>>();
            var hub = new AzureStorageEngineOptions { HubName = UniqueName.For("wfms"), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10) };
            builder.Services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddCreditFlowWorkflows()).UseAzureStorageEngine(azurite.ConnectionString, hub));
            builder.Services.AddDurableTaskClient(b => b.UseAzureStorageEngine(azurite.ConnectionString, hub));
        }
        else
        {
            var hub = new DurableTaskOptions { HubName = UniqueName.For("wfhub"), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500) };
            builder.Services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddCreditFlowWorkflows()).UseCreditFlowStorage(azurite.ConnectionString, hub));
            builder.Services.AddDurableTaskClient(b => b.UseCreditFlowStorage(azurite.ConnectionString, hub));
        }

        var host = builder.Build();
        await host.StartAsync();
        return new WorkflowTestHost(host, engine, clock, mail);
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
