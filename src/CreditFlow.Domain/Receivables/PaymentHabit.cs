namespace CreditFlow.Domain.Receivables;

/// <summary>How a customer habitually pays (the deck's five 还款习惯), best first.</summary>
public enum PaymentHabit
{
    /// <summary>Pays on delivery, well before the due date (到货即付).</summary>
    PaysEarly,

    /// <summary>Pays near the due date (接近到期付款).</summary>
    NearDueDate,

    /// <summary>Pays late, after reminders (提醒付款).</summary>
    AfterReminder,

    /// <summary>Pays late, only under forced collection (强制付款).</summary>
    OnlyWhenForced,

    /// <summary>Does not pay: bad debt (赖账).</summary>
    Defaults,
}
