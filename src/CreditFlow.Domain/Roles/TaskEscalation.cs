namespace CreditFlow.Domain.Roles;

/// <summary>
/// Who hears of a task for people left undone past its deadline (docs/domain.md "Actors"): the credit manager runs
/// collection, so an overdue task of sales, credit officers, finance or legal goes to the credit manager, and the
/// credit manager's own to the credit committee.
/// </summary>
public static class TaskEscalation
{
    /// <summary>The role told when a task owned by <paramref name="owner"/> is overdue.</summary>
    public static CreditRole EscalatesTo(CreditRole owner) => owner switch
    {
        CreditRole.CreditManager => CreditRole.CreditCommittee,
        CreditRole.CreditCommittee => CreditRole.CreditCommittee,
        _ => CreditRole.CreditManager,
    };
}
