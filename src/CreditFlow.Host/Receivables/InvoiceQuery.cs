using System.Globalization;
using CreditFlow.Domain.Dunning;
using CreditFlow.Host.Applications;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>The filters and paging of the invoice lists, read from the query string; each bad value is named by its parameter.</summary>
/// <param name="CustomerId">Whose invoices; null for everyone's.</param>
/// <param name="Status">A dunning status by its exact name; null for any.</param>
/// <param name="Overdue">True: open and past due today; false: the others; null: both.</param>
/// <param name="PageSize">At most this many invoices a page.</param>
/// <param name="Continuation">Where the previous page ended, as storage gave it; null for the first page.</param>
internal sealed record InvoiceQuery(string? CustomerId, string? Status, bool? Overdue, int PageSize, string? Continuation)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Every status an invoice can show: the ladder's, and NotYetLooked before dunning's first look.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [.. Enum.GetNames<DunningStatus>(), DunningStanding.NotYetLooked.Status];

    /// <summary>The query, or null with each problem added to <paramref name="errors"/> under its parameter's name.</summary>
    public static InvoiceQuery? Parse(
        string? customerId, string? status, string? overdue, string? pageSize, string? continuation, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrEmpty(customerId) && !ResourceIds.IsPlausible(customerId))
        {
            errors["customerId"] = ["must be a customer id: 1-256 characters without '/', '\\', '#', '?' or control characters."];
        }

        string? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            parsedStatus = Statuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));
            if (parsedStatus is null)
            {
                errors["status"] = [$"must be one of {string.Join(", ", Statuses)}."];
            }
        }

        bool? parsedOverdue = null;
        if (!string.IsNullOrEmpty(overdue))
        {
            if (bool.TryParse(overdue, out var o))
            {
                parsedOverdue = o;
            }
            else
            {
                errors["overdue"] = ["must be true or false."];
            }
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize)
            && !(int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize))
        {
            errors["pageSize"] = [$"must be a whole number from 1 to {MaxPageSize}."];
        }

        string? storageContinuation = null;
        if (!string.IsNullOrEmpty(continuation) && !PageToken.TryRead(continuation, out storageContinuation))
        {
            errors["continuation"] = ["must be the continuation of a previous page, as it was given."];
        }

        return errors.Count == 0
            ? new InvoiceQuery(string.IsNullOrEmpty(customerId) ? null : customerId, parsedStatus, parsedOverdue, size, storageContinuation)
            : null;
    }

    /// <summary>True when the invoice passes the status and overdue filters on <paramref name="today"/>.</summary>
    public bool Matches(DunningRecord record, DateOnly today) =>
        (Status is null || string.Equals(record.Standing.Status, Status, StringComparison.OrdinalIgnoreCase))
        && (Overdue is null || (InvoiceFigures.DaysOverdue(record, today) > 0) == Overdue);
}
