using Azure.Data.Tables;
using CreditFlow.Host.Approvals;
using CreditFlow.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Approvals;

public sealed class ApprovalTokenLedgerTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task TryRedeemAsync_SecondUse_AlreadyUsed()
    {
        var ledger = Ledger(UniqueName.For("appr"));
        var claims = Claims("token-1");

        var first = await ledger.TryRedeemAsync(claims, CancellationToken.None);
        var second = await ledger.TryRedeemAsync(claims, CancellationToken.None);

        Assert.Equal(TokenRedemption.Redeemed, first);
        Assert.Equal(TokenRedemption.AlreadyUsed, second);
    }

    [Fact]
    public async Task TryRedeemAsync_OtherToken_Redeemed()
    {
        var ledger = Ledger(UniqueName.For("appr"));
        await ledger.TryRedeemAsync(Claims("token-1"), CancellationToken.None);

        Assert.Equal(TokenRedemption.Redeemed, await ledger.TryRedeemAsync(Claims("token-2"), CancellationToken.None));
    }

    [Fact]
    public async Task IsUsedAsync_BeforeAndAfterRedemption()
    {
        var ledger = Ledger(UniqueName.For("appr"));

        var before = await ledger.IsUsedAsync("token-1", CancellationToken.None);
        await ledger.TryRedeemAsync(Claims("token-1"), CancellationToken.None);
        var after = await ledger.IsUsedAsync("token-1", CancellationToken.None);

        Assert.False(before);
        Assert.True(after);
    }

    [Fact]
    public async Task TryRedeemAsync_20Concurrent_ExactlyOneRedeemed()
    {
        // 20 ledgers, as if 20 requests reached different host processes at once.
        var prefix = UniqueName.For("appr");
        var claims = Claims("token-1");
        var ledgers = Enumerable.Range(0, 20).Select(_ => Ledger(prefix)).ToList();

        var results = await Task.WhenAll(ledgers.Select(l => Task.Run(() => l.TryRedeemAsync(claims, CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r == TokenRedemption.Redeemed));
        Assert.Equal(19, results.Count(r => r == TokenRedemption.AlreadyUsed));
    }

    [Fact]
    public async Task TryRedeemAsync_Redeemed_RecordsWhoAndWhen()
    {
        var prefix = UniqueName.For("appr");
        await Ledger(prefix).TryRedeemAsync(Claims("token-1"), CancellationToken.None);

        var row = (await new TableServiceClient(storage.ConnectionString).GetTableClient($"{prefix}ApprovalTokens")
            .GetEntityAsync<TableEntity>("token-1", "used")).Value;

        Assert.Equal("onboarding-42", row.GetString("InstanceId"));
        Assert.Equal("tier2", row.GetString("Step"));
        Assert.Equal("manager@example.com", row.GetString("ApproverEmail"));
        Assert.Equal(Now, row.GetDateTimeOffset("UsedAt"));
    }

    private ApprovalTokenLedger Ledger(string prefix) =>
        new(new TableServiceClient(storage.ConnectionString), Options.Create(new ApprovalOptions { StoragePrefix = prefix }), _time);

    private static ApprovalClaims Claims(string tokenId) =>
        new(tokenId, "onboarding-42", "tier2", "manager@example.com", "CreditManager", Now, Now.AddDays(5));
}
