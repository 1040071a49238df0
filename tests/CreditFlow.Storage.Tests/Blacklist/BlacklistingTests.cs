using Azure.Data.Tables;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Blacklist;

/// <summary>Blacklisting a customer: the entry, its profile, its group's flags; and the committee's removal undoing them.</summary>
public sealed class BlacklistingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = TestStore.Start.AddDays(1);

    [Fact]
    public async Task BlacklistCustomer_GroupOfThree_BlacklistsItFlagsTheOthersAndRepeatsAsANoOp()
    {
        var (store, blacklisting) = await GroupAsync();

        var first = await blacklisting.BlacklistCustomerAsync("grand", "court judgment", BlacklistSource.LegalCase, "case-7", "legal-case-workflow", At);
        var decisions = (await store.Decisions.ListForCustomerAsync("grand")).Count + (await store.Decisions.ListForCustomerAsync("sister")).Count;
        var second = await blacklisting.BlacklistCustomerAsync("grand", "again", BlacklistSource.Internal, null, "someone", At.AddHours(1));

        Assert.Equal(new BlacklistEntry("REG-GRAND", "Grand Trading", "grand", "court judgment", BlacklistSource.LegalCase, "case-7", "legal-case-workflow", At)
        {
            CustomerStatusBefore = CreditProfileStatus.Active,
        }, first.Entry);
        Assert.Equal(["sister"], first.GroupMembersFlagged);
        Assert.Equal(first.Entry, second.Entry);
        Assert.Equal(first.GroupMembersFlagged, second.GroupMembersFlagged);
        Assert.Equal(CreditProfileStatus.Blacklisted, (await store.Profiles.GetAsync("grand"))!.Value.Status);
        Assert.Equal(new GroupBlacklistFlag("grand", "Grand Trading", "Mr. Zhao"), (await store.Profiles.GetAsync("sister"))!.Value.GroupBlacklistedBy);
        Assert.Null((await store.Profiles.GetAsync("outsider"))!.Value.GroupBlacklistedBy);
        Assert.Equal(decisions, (await store.Decisions.ListForCustomerAsync("grand")).Count + (await store.Decisions.ListForCustomerAsync("sister")).Count);
    }

    [Fact]
    public async Task Remove_AfterBlacklisting_RestoresTheStatusClearsTheFlagsAndKeepsTheHistory()
    {
        var (store, blacklisting) = await GroupAsync();
        await blacklisting.BlacklistCustomerAsync("grand", "court judgment", BlacklistSource.Internal, null, "manager.wu", At);

        var removed = await blacklisting.RemoveAsync("REG-GRAND", "settled in full", "committee.chen", At.AddDays(30));

        Assert.Equal(new BlacklistRemoval("settled in full", "committee.chen", At.AddDays(30)), removed!.Removal);
        Assert.Equal(CreditProfileStatus.Active, (await store.Profiles.GetAsync("grand"))!.Value.Status);
        Assert.Null((await store.Profiles.GetAsync("sister"))!.Value.GroupBlacklistedBy);
        Assert.Null(await store.Blacklist.GetAsync("REG-GRAND"));
        Assert.Single(await store.Blacklist.ListRemovedAsync("REG-GRAND"));
        Assert.Null(await blacklisting.RemoveAsync("REG-GRAND", "again", "committee.chen", At.AddDays(31)));
    }

    [Fact]
    public async Task BlacklistCustomer_OnAnIndustryListBefore_LinksTheEntryAndRestoresOnRemoval()
    {
        var (store, blacklisting) = await GroupAsync();
        await store.Blacklist.AddOnceAsync(new BlacklistEntry("REG-GRAND", "GRAND TRADING LTD", null, "listed by the association", BlacklistSource.IndustryList, null, "legal.ma", TestStore.Start));

        var outcome = await blacklisting.BlacklistCustomerAsync("grand", "court judgment", BlacklistSource.LegalCase, "case-7", "legal-case-workflow", At);
        await blacklisting.RemoveAsync("REG-GRAND", "association removed it", "committee.chen", At.AddDays(2));

        Assert.Equal(("grand", BlacklistSource.IndustryList, CreditProfileStatus.Active), (outcome.Entry.CustomerId!, outcome.Entry.Source, outcome.Entry.CustomerStatusBefore!.Value));
        Assert.Equal(CreditProfileStatus.Active, (await store.Profiles.GetAsync("grand"))!.Value.Status);
    }

    [Fact]
    public async Task ProfileRead_RowStoredBeforeTheGroupFlag_ReadsAsNotFlagged()
    {
        var row0 = new CustomerCreditProfile("old-customer", CreditClass.B, Money.Of(100_000m, "CNY"), 30, "", CreditProfileStatus.Active, null, null, null, null);
        var prefix = UniqueName.For("old");
        var store = await CreditStore.OpenAsync(azurite.ConnectionString, new CreditStorageOptions { Prefix = prefix });
        var credit = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Credit");
        await credit.AddEntityAsync(new TableEntity("old-customer", "profile")
        {
            ["Class"] = "B", ["TermDays"] = 30, ["Conditions"] = "", ["Status"] = "Active", ["LimitAmount"] = "100000", ["LimitCurrency"] = "CNY",
        });
        // The order check's copy of a profile as it was written before the flag: the same JSON without its property.
        var json = System.Text.Json.Nodes.JsonNode.Parse(OrderCheckRows.ProfileCopy(row0).GetString("Profile"))!.AsObject();
        Assert.True(json.Remove("groupBlacklistedBy"));
        var oldCopy = new TableEntity("old-customer", "exposure") { ["Profile"] = json.ToJsonString() };

        var row = await store.Profiles.GetAsync("old-customer");

        Assert.Equal(row0, row!.Value);
        Assert.Equal(row0, OrderCheckRows.ToProfile(oldCopy));
    }

    /// <summary>Grand and Sister share Mr. Zhao; Outsider is controlled by someone else.</summary>
    private async Task<(CreditStore Store, Blacklisting Blacklisting)> GroupAsync()
    {
        var store = await TestStore.OpenAsync(azurite);
        foreach (var (id, name, controller) in new[] { ("grand", "Grand Trading", "Mr. Zhao"), ("sister", "Sister Logistics", "Mr. Zhao"), ("outsider", "Outsider Ltd", "Ms. Qian") })
        {
            await store.Customers.CreateAsync(new Customer(id, name, "REG-" + id.ToUpperInvariant(), controller, "trade", TestStore.Start));
            await store.Profiles.CreateAsync(
                new CustomerCreditProfile(id, CreditClass.B, Money.Of(500_000m, "CNY"), 60, "", CreditProfileStatus.Active, 70m, "m", "1", null),
                new CreditDecision("d-" + id, id, TestStore.Start, "officer.li", "granted", "scored", "{}", "m/1", null));
        }

        return (store, new Blacklisting(store.Blacklist, store));
    }
}
