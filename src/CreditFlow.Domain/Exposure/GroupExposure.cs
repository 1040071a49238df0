namespace CreditFlow.Domain.Exposure;

/// <summary>The exposure of one customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="GroupKey">Its actual controller, else the customer itself.</param>
/// <param name="Exposure">Its exposure.</param>
public sealed record CustomerExposure(string CustomerId, string GroupKey, CreditExposure Exposure);

/// <summary>The exposure of a group: customers with the same actual controller, seen as one risk.</summary>
/// <param name="GroupKey">The actual controller (or the lone customer's id).</param>
/// <param name="Members">Each member's exposure, ordered by customer id.</param>
/// <param name="Exposure">The sum of the members' exposures.</param>
public sealed record GroupExposure(string GroupKey, IReadOnlyList<CustomerExposure> Members, CreditExposure Exposure);
