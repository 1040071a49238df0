using Xunit;

namespace CreditFlow.Testing;

/// <summary>
/// xunit class fixture handing a test class the process-wide Azurite (see <see cref="SharedAzurite"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => _azurite = await SharedAzurite.GetAsync();

    // The shared instance outlives a single test class; it stops when the process exits.
    public Task DisposeAsync() => Task.CompletedTask;
}
