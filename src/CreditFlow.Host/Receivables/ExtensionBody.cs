using System.Globalization;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Receivables;

/// <summary>The body of <c>POST /api/invoices/{invoiceId}/extensions</c>: the customer asks to pay later.</summary>
/// <param name="NewDueDate">The due date asked for, <c>yyyy-MM-dd</c>, after the current one.</param>
/// <param name="Reason">Why the customer needs it (at most 1,000 characters).</param>
public sealed record ExtensionBody(string? NewDueDate, string? Reason)
{
    /// <summary>Every problem of the body by JSON path.</summary>
    internal static FieldErrors Validate(ExtensionBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.NewDueDate))
        {
            errors.Add("newDueDate", "is required: the due date the customer asks for, e.g. \"2026-04-30\".");
        }
        else if (body.Date is null)
        {
            errors.Add("newDueDate", "must be a date written yyyy-MM-dd, e.g. \"2026-04-30\".");
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors.Add("reason", "is required: why the customer needs more time.");
        }
        else if (body.Reason.Length > 1000)
        {
            errors.Add("reason", $"must be at most 1000 characters (was {body.Reason.Length}).");
        }

        return errors;
    }

    /// <summary>The date asked for, or null when it is not a date written yyyy-MM-dd.</summary>
    internal DateOnly? Date =>
        DateOnly.TryParseExact(NewDueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
