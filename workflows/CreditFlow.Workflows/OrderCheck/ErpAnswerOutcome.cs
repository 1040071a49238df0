namespace CreditFlow.Workflows.OrderCheck;

/// <summary>How a document the ERP sent was taken.</summary>
public enum ErpAnswerOutcome
{
    /// <summary>Booked and answered (or answered again, for a repeat with the same body).</summary>
    Answered,

    /// <summary>Its id was answered before with another body; nothing was booked.</summary>
    DocumentIdReused,
}
