using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Storage.Tests;

/// <summary>A store on the shared Azurite with a unique prefix, so tests never see each other's rows.</summary>
internal static class TestStore
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Task<CreditStore> OpenAsync(AzuriteFixture azurite, FakeTimeProvider? clock = null, long? maxDocumentBytes = null) =>
        CreditStore.OpenAsync(
            azurite.ConnectionString,
            new CreditStorageOptions
            {
                Prefix = UniqueName.For("t"),
                MaxDocumentBytes = maxDocumentBytes ?? CreditStorageOptions.DefaultMaxDocumentBytes,
            },
            clock ?? new FakeTimeProvider(Start));
}
