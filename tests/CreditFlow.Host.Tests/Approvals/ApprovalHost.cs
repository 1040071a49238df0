using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Approvals;
using CreditFlow.Host.Mail;
using CreditFlow.Storage.Approvals;
using CreditFlow.Testing;
using CreditFlow.Workflows.Approvals;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Approvals;

/// <summary>
/// The real host, on a fake clock, running the real approval workflow: tests start an approval,
/// read the link from the local outbox as an approver would, and open or post it over HTTP.
/// </summary>
internal sealed class ApprovalHost : IAsyncDisposable
{
    /// <summary>Where mails point; tests reach the host itself at its loopback address, under the same path.</summary>
    public const string PublicBaseUrl = "https://credit.example.test/cf";

    public const string Officer = "credit-officer@creditflow.local";
    public const string Manager = "credit-manager@creditflow.local";
    public const string FirstStep = "1.1-CreditOfficer";

    /// <summary>Monday 5 January 2026, 09:00 UTC: reminder on Tuesday, escalation on Wednesday.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static readonly Money Proposed = Money.Of(50_000m, "EUR");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly RunningHost _host;

    private ApprovalHost(RunningHost host, FakeTimeProvider clock)
    {
        _host = host;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client => _host.Client;

    /// <summary>The Origin a browser sends when it posts a form of this host.</summary>
    public string OwnOrigin => Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public DurableTaskClient Durable => _host.Services.GetRequiredService<DurableTaskClient>();

    public ApprovalRepository Approvals => _host.Services.GetRequiredService<ApprovalRepository>();

    public IApprovalLinks Links => _host.Services.GetRequiredService<IApprovalLinks>();

    public static async Task<ApprovalHost> StartAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var clock = new FakeTimeProvider(Monday);
        var host = await RunningHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["PublicBaseUrl"] = PublicBaseUrl },
            overrideServices: services => services.AddSingleton<TimeProvider>(clock));
        return new ApprovalHost(host, clock);
    }

    /// <summary>Starts an approval asked of the credit officer and returns the path of the link mailed to them.</summary>
    public async Task<StartedApproval> StartApprovalAsync()
    {
        var subjectId = UniqueName.For("app");
        var request = new ApprovalRequest(
            "credit application",
            subjectId,
            "cust-7",
            "Acme <Tools> & Sons",
            $"Trial limit for Acme <Tools> & Sons ({subjectId})",
            Proposed,
            1,
            CreditRole.CreditOfficer,
            [
                new ApprovalSection("Score", [new ApprovalFact("current ratio", "1.8 (80 points)"), new ApprovalFact("payment record", "<none yet>")]),
                new ApprovalSection("Exposure", [new ApprovalFact("open orders", "12,000.00 EUR")]),
            ]);
        var instanceId = UniqueName.For("approval");
        await Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWorkflow", request, new StartOrchestrationOptions { InstanceId = instanceId });
        return new StartedApproval(instanceId, request, await LinkPathAsync(Officer, subjectId));
    }

    /// <summary>The path (under this host) of the newest approval link mailed to <paramref name="to"/> about <paramref name="subjectId"/>.</summary>
    public async Task<string> LinkPathAsync(string to, string subjectId)
    {
        var outbox = _host.Services.GetRequiredService<LocalOutboxMailSender>();
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var mail = (await outbox.ListAsync(timeout.Token)).FirstOrDefault(m => m.To == to && m.Subject.Contains(subjectId, StringComparison.Ordinal));
            if (mail is not null)
            {
                return PathOf(Assert.Single(mail.Links).Url);
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    /// <summary>The path of a link this host's <see cref="IApprovalLinks"/> makes, as if mailed.</summary>
    public string PathOf(Uri link)
    {
        Assert.StartsWith(PublicBaseUrl + "/approvals/", link.AbsoluteUri, StringComparison.Ordinal);
        return link.AbsoluteUri[PublicBaseUrl.Length..];
    }

    public async Task<PendingApproval> WaitForPendingAsync(string instanceId, Func<PendingApproval, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var instance = await Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            if (instance?.ReadCustomStatusAs<PendingApproval>() is { } pending && condition(pending))
            {
                return pending;
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Posts the form as a browser on this host's page would (own Origin), unless <paramref name="origin"/> says otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields, string? origin = "", string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin.Length == 0 ? OwnOrigin : origin);
        }

        if (referer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referer);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> ApproveAsync(string path) => PostAsync(path, [("decision", "approve")]);

    public Task<IReadOnlyList<ApprovalRecord>> RecordsAsync(StartedApproval approval) => Approvals.ListForSubjectAsync(approval.Request.SubjectId);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}

/// <summary>A started approval instance and the path of the link its first mail carries.</summary>
internal sealed record StartedApproval(string InstanceId, ApprovalRequest Request, string LinkPath);
