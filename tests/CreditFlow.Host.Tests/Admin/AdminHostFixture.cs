using System.Net;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Tests.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Testing;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>One running host with an admin key for a test class; tests keep apart by unique instance ids.</summary>
public class AdminHostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RunningHost? _host;

    private RunningHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public Uri BaseAddress => Host.Client.BaseAddress!;

    /// <summary>The host's own durable client, to start instances and wait for them.</summary>
    public DurableTaskClient Durable => Host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The host's services, e.g. to put a hold on the worklist as the webhook would.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>Settings that choose the durable engine; none: CreditFlow's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Engine { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _host = await RunningHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>(Engine) { ["AdminKey"] = AdminKey });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each answer.</summary>
    public HttpClient NewBrowser() => FormPosts.Browser(BaseAddress);

    /// <summary>A browser-like client that has signed in through the login form.</summary>
    public async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = NewBrowser();
        using var response = await browser.PostFormAsync("/admin/login", "/admin/login", ("key", AdminKey));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return browser;
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>
    /// A hold the ERP cancelled while its approval was open, run to its end: OrderHoldWorkflow terminates its
    /// ApprovalWorkflow child through CloseApproval on purpose. Returns the hold's input (its id, its child's id).
    /// </summary>
    public async Task<HoldInput> HoldCancelledWhileItsApprovalWasOpenAsync()
    {
        var holdId = $"hold-order-{Guid.NewGuid():N}";
        var input = new HoldInput(
            holdId, ErpDocumentKind.Order, "cust-admin-ui", "o-admin-ui", "o-admin-ui", Money.Of(120_000m, "CNY"), new DateOnly(2026, 3, 2), Money.Of(20_000m, "CNY"),
            CreditRole.CreditManager, [CreditRole.CreditManager, CreditRole.CreditCommittee], ["over the limit by 20,000.00 CNY"], [new("limit", "100,000.00 CNY")],
            DateTimeOffset.UtcNow, new CallbackRetry(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        await Services.GetRequiredService<HoldStarter>().RecordAsync(input, CancellationToken.None); // the worklist row the verdict closes
        await Durable.ScheduleNewOrchestrationInstanceAsync(nameof(OrderHoldWorkflow), input, new StartOrchestrationOptions { InstanceId = holdId });
        await UntilRunningAsync(input.ApprovalInstanceId);
        await Durable.RaiseEventAsync(holdId, HoldEvents.OrderCancelled, null);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await WaitForCompletionAsync(holdId)).RuntimeStatus);
        return input;
    }

    /// <summary>Waits for an instance someone else creates (a sub-orchestration) to exist and run.</summary>
    public async Task UntilRunningAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while ((await Durable.GetInstanceAsync(instanceId, timeout.Token))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public async Task<OrchestrationMetadata> WaitForStartAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Durable.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }
}

/// <summary>The same running host on Microsoft's engine (<c>storageProvider.type</c> AzureStorage).</summary>
public sealed class AzureStorageAdminHostFixture : AdminHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Engine => AzureStorageEngine.Settings;
}
