namespace CreditFlow.Domain.OrderCheck;

/// <summary>Where a held order or shipment stands.</summary>
public enum HoldStatus
{
    /// <summary>Waiting for an approver or a cure.</summary>
    Open,

    /// <summary>Released: the ERP may ship.</summary>
    Released,

    /// <summary>Rejected: the ERP must not ship.</summary>
    Rejected,
}
