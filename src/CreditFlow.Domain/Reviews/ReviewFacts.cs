using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Reviews;

/// <summary>What a review decides on: the customer's policy now, its new score and class, and its record.</summary>
/// <param name="Today">The review's day.</param>
/// <param name="Status">The profile's status now.</param>
/// <param name="CurrentClass">The class now; null if never classed.</param>
/// <param name="CurrentLimit">The limit now.</param>
/// <param name="NewClass">The class the current scorecard gives on today's data.</param>
/// <param name="ClassLimitFactor">The new class's limit coefficient over the current class's (1 when unchanged or unknown): the limit the record earns.</param>
/// <param name="PastReviews">Earlier reviews, oldest first: the day and the class they found.</param>
/// <param name="WarningsThisPeriod">Warnings raised since the last review.</param>
/// <param name="WarningsLastPeriod">Warnings raised in the period before it.</param>
/// <param name="LastPolicyRevision">The day of the last yearly policy revision (or of the grant); null if none.</param>
public sealed record ReviewFacts(
    DateOnly Today,
    CreditProfileStatus Status,
    CreditClass? CurrentClass,
    Money CurrentLimit,
    CreditClass NewClass,
    decimal ClassLimitFactor,
    IReadOnlyList<(DateOnly On, CreditClass Class)> PastReviews,
    int WarningsThisPeriod,
    int WarningsLastPeriod,
    DateOnly? LastPolicyRevision);
