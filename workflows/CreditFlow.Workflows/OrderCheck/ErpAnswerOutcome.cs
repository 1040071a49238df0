namespace CreditFlow.Workflows.OrderCheck;

/// <summary>How a document the ERP sent was taken.</summary>
public enum ErpAnswerOutcome
{
    /// <summary>Booked and answered (or answered again, for a repeat with the same body).</summary>
    Answered,

    /// <summary>Its id was answered before with another body; nothing was booked.</summary>
    DocumentIdReused,

    /// <summary>Turned away before anything was read or stored, because the answer would have come too late; the ERP retries.</summary>
    Busy,
}
