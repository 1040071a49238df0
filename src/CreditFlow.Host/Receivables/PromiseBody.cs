using System.Globalization;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Receivables;

/// <summary>The body of <c>POST /api/invoices/{invoiceId}/promises</c>: the customer promised to pay by a day.</summary>
/// <param name="PromisedDate">The day it promised to pay by, <c>yyyy-MM-dd</c>, today (UTC) or later.</param>
/// <param name="Amount">How much, in the invoice's currency; absent for the whole open amount.</param>
public sealed record PromiseBody(string? PromisedDate, decimal? Amount)
{
    /// <summary>Every problem of the body on <paramref name="today"/>, by JSON path; none when <see cref="Date"/> is a date.</summary>
    internal static FieldErrors Validate(PromiseBody body, DateOnly today)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.PromisedDate))
        {
            errors.Add("promisedDate", "is required: the day the customer promised to pay by, e.g. \"2026-03-15\".");
        }
        else if (body.Date is not { } date)
        {
            errors.Add("promisedDate", $"must be a date written yyyy-MM-dd, e.g. \"2026-03-15\" (was \"{Shorten(body.PromisedDate)}\").");
        }
        else if (date < today)
        {
            errors.Add("promisedDate", $"must be today ({today:yyyy-MM-dd}) or later, was {date:yyyy-MM-dd}.");
        }

        if (body.Amount is <= 0m)
        {
            errors.Add("amount", $"must be more than 0, in the invoice's currency (was {body.Amount.Value.ToString(CultureInfo.InvariantCulture)}); leave it out for the whole open amount.");
        }

        return errors;
    }

    /// <summary>The promised date, or null when it is not a date written yyyy-MM-dd.</summary>
    internal DateOnly? Date =>
        DateOnly.TryParseExact(PromisedDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
