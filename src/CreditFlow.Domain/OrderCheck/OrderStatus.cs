namespace CreditFlow.Domain.OrderCheck;

/// <summary>Where an order stands in the credit check.</summary>
public enum OrderStatus
{
    /// <summary>Not received yet: only later facts (shipments, invoices, a cancellation) are known.</summary>
    Unknown,

    /// <summary>Passed automatically; its credit part is reserved.</summary>
    Passed,

    /// <summary>Held, waiting for a release or a cure; nothing reserved.</summary>
    Held,

    /// <summary>Released by an approver or by a cure; its credit part is reserved.</summary>
    Released,

    /// <summary>Rejected; nothing reserved.</summary>
    Rejected,
}
