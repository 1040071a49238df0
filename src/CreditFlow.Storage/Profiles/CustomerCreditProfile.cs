using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Storage.Profiles;

/// <summary>
/// A customer's granted credit policy as stored. (Named apart from the order check's
/// <c>CreditFlow.Domain.OrderCheck.CreditProfile</c>, its input, so both can be used side by side.)
/// </summary>
/// <param name="Class">Null until the customer is first scored.</param>
/// <param name="Score">The last score, 0-100; null until scored.</param>
/// <param name="ModelId">The scorecard model of the last score.</param>
/// <param name="ModelVersion">Its version.</param>
/// <param name="CreditReportBlob">Name of the latest credit report blob; null when none yet.</param>
/// <param name="GroupBlacklistedBy">
/// Set while another company of the customer's group (same actual controller) is blacklisted: which one. The order
/// check holds the customer's orders for it from this copy, without reading the group. Null otherwise, and in rows
/// stored before the flag existed.
/// </param>
public sealed record CustomerCreditProfile(
    string CustomerId,
    CreditClass? Class,
    Money Limit,
    int TermDays,
    string Conditions,
    CreditProfileStatus Status,
    decimal? Score,
    string? ModelId,
    string? ModelVersion,
    string? CreditReportBlob,
    GroupBlacklistFlag? GroupBlacklistedBy = null);
