using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Tests.Roles;

public sealed class TaskEscalationTests
{
    [Theory]
    [InlineData(CreditRole.SalesRep, CreditRole.CreditManager)]
    [InlineData(CreditRole.CreditOfficer, CreditRole.CreditManager)]
    [InlineData(CreditRole.Finance, CreditRole.CreditManager)]
    [InlineData(CreditRole.Legal, CreditRole.CreditManager)]
    [InlineData(CreditRole.CreditManager, CreditRole.CreditCommittee)]
    [InlineData(CreditRole.CreditCommittee, CreditRole.CreditCommittee)]
    public void EscalatesTo_TheRoleThatRunsCollectionAboveTheOwner(CreditRole owner, CreditRole told) =>
        Assert.Equal(told, TaskEscalation.EscalatesTo(owner));
}
