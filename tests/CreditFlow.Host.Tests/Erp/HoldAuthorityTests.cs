using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Erp;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>Who may decide a hold, as the holds API and page tell people before they try.</summary>
public sealed class HoldAuthorityTests
{
    // A later version of the policy without the credit manager's tier.
    private static readonly AuthorityMatrix WithoutManagers = new(new Currency("CNY"), [(CreditRole.CreditOfficer, 1_000_000m), (CreditRole.CreditCommittee, null)], false);

    private static HoldRecord Held(params CreditRole[] authorized) => new(
        "hold-1", "cust-1", ErpDocumentKind.Order, "o-1", "o-1", Money.Of(120_000m, "CNY"), Money.Of(220_000m, "CNY"),
        CreditRole.CreditManager, ["over the limit"], HoldStatus.Open, DateTimeOffset.UnixEpoch)
    {
        AuthorizedRoles = authorized,
    };

    [Fact]
    public void AHoldHeldUnderAMatrixWithManagers_IsTheirsToDecide_AsItsWorkflowAccepts_WhateverTheMatrixInForce()
    {
        var hold = Held(CreditRole.CreditManager, CreditRole.CreditCommittee);

        Assert.True(HoldAuthority.Covers(WithoutManagers, CreditRole.CreditManager, hold));
        Assert.False(HoldAuthority.Covers(WithoutManagers, CreditRole.CreditOfficer, hold));
        Assert.Equal("CreditManager or CreditCommittee", HoldAuthority.WhoDecides(WithoutManagers, hold));
    }

    [Fact]
    public void AnOlderHoldWithoutItsRoles_IsJudgedByTheMatrixInForce()
    {
        var hold = Held();

        Assert.False(HoldAuthority.Covers(WithoutManagers, CreditRole.CreditManager, hold));
        Assert.True(HoldAuthority.Covers(AuthorityMatrix.Default, CreditRole.CreditManager, hold));
        Assert.Equal("CreditCommittee", HoldAuthority.WhoDecides(WithoutManagers, hold));
    }
}
