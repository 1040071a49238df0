using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Policies;

/// <summary>
/// What the order check saw when it decided an order, and what it decided: enough to decide the same order again
/// under another policy (<see cref="PolicyImpact"/>).
/// </summary>
/// <param name="Day">The day of the check.</param>
/// <param name="Profile">The customer's credit standing then.</param>
/// <param name="Exposure">Its counted exposure without the order.</param>
/// <param name="OverdueInvoices">Its invoices already past due that day: the only ones a stop line can reach.</param>
/// <param name="Order">The order.</param>
/// <param name="Passed">Whether it passed at once.</param>
/// <param name="ApproverRole">Who was asked, when held.</param>
/// <param name="PolicyVersion">The policy it was decided under.</param>
public sealed record CheckedOrder(
    DateOnly Day,
    CreditProfile Profile,
    CreditExposure Exposure,
    IReadOnlyList<Invoice> OverdueInvoices,
    OrderRequest Order,
    bool Passed,
    string? ApproverRole,
    int PolicyVersion);
