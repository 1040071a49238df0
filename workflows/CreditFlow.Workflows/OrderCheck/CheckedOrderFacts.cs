using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Receivables;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// A <see cref="CheckedOrder"/> as kept on the order's ledger row (<see cref="CheckedFacts"/>): flat JSON that a
/// later build can still read, so a policy impact simulation can decide the order again.
/// </summary>
internal sealed record CheckedOrderFacts(
    string CustomerId,
    bool OnCreditList,
    string? Class,
    Money Limit,
    bool Blacklisted,
    bool LimitFrozen,
    decimal PrepaymentShare,
    BlacklistedGroupMember? GroupMemberBlacklisted,
    Money OpenReceivables,
    Money ShippedNotInvoiced,
    Money OpenOrders,
    IReadOnlyList<OverdueInvoiceFacts> OverdueInvoices,
    string OrderId,
    Money Amount,
    DateOnly OrderDate,
    Money Prepaid,
    bool Passed,
    string? ApproverRole,
    int PolicyVersion)
{
    /// <summary>What to keep of a check on <paramref name="day"/>.</summary>
    public static CheckedFacts Keep(DateOnly day, CreditProfile profile, CreditExposure exposure, IEnumerable<Invoice> openInvoices, OrderRequest order, OrderDecision decision, int policyVersion)
    {
        var facts = new CheckedOrderFacts(
            profile.CustomerId, profile.OnCreditList, profile.Class?.ToString(), profile.Limit, profile.Blacklisted, profile.LimitFrozen, profile.PrepaymentShare,
            profile.GroupMemberBlacklisted,
            exposure.OpenReceivables, exposure.ShippedNotInvoiced, exposure.OpenOrders,
            openInvoices.Where(i => i.DueDate < day && i.IsOpen).Select(i => new OverdueInvoiceFacts(i.InvoiceId, i.IssueDate, i.DueDate, i.Open)).ToArray(),
            order.OrderId, order.Amount, order.OrderDate, order.PrepaymentReceived,
            decision.Passed, decision.Approver?.Role.ToString(), policyVersion);
        return new CheckedFacts(day, JsonSerializer.Serialize(facts, ErpJson.Options));
    }

    /// <summary>The check as kept, or null when the row's JSON cannot be read as one.</summary>
    public static CheckedOrder? Read(CheckedFacts kept)
    {
        CheckedOrderFacts? f;
        try
        {
            f = JsonSerializer.Deserialize<CheckedOrderFacts>(kept.Json, ErpJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (f is null)
        {
            return null;
        }

        var profile = f.OnCreditList && Enum.TryParse<CreditClass>(f.Class, out var creditClass)
            ? new CreditProfile(f.CustomerId, creditClass, f.Limit, f.Blacklisted, f.LimitFrozen, f.PrepaymentShare)
            : CreditProfile.NotOnCreditList(f.CustomerId, f.Limit.Currency, f.Blacklisted);
        profile = profile with { GroupMemberBlacklisted = f.GroupMemberBlacklisted };
        var invoices = f.OverdueInvoices
            .Select(i => new Invoice(f.CustomerId, i.InvoiceId, i.IssueDate, i.DueDate, i.Open))
            .ToArray();
        return new CheckedOrder(
            kept.Day,
            profile,
            new CreditExposure(f.OpenReceivables, f.ShippedNotInvoiced, f.OpenOrders),
            invoices,
            new OrderRequest(f.OrderId, f.Amount, f.OrderDate, f.Prepaid),
            f.Passed,
            f.ApproverRole,
            f.PolicyVersion);
    }
}

/// <summary>An invoice already past due when the order was checked, with what was open of it.</summary>
internal sealed record OverdueInvoiceFacts(string InvoiceId, DateOnly IssueDate, DateOnly DueDate, Money Open);
