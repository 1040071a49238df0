namespace CreditFlow.Host.Tests.Approvals;

/// <summary>One approval host for a test class whose tests never move the clock; they keep apart by unique instances.</summary>
public sealed class ApprovalHostFixture : IAsyncLifetime
{
    private ApprovalHost? _host;

    internal ApprovalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync() => _host = await ApprovalHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
