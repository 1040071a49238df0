using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>An invoice not fully paid, as the receivable analysis sees it.</summary>
public sealed record OpenReceivable
{
    /// <summary>Creates an open receivable.</summary>
    /// <param name="customerId">Who owes it.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="dueDate">When it falls due.</param>
    /// <param name="openAmount">What is still unpaid.</param>
    /// <exception cref="ArgumentException">An id is blank or the amount is negative.</exception>
    public OpenReceivable(string customerId, string invoiceId, DateOnly dueDate, Money openAmount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        if (openAmount.IsNegative)
        {
            throw new ArgumentException($"An open amount cannot be negative, was {openAmount}.", nameof(openAmount));
        }

        CustomerId = customerId;
        InvoiceId = invoiceId;
        DueDate = dueDate;
        OpenAmount = openAmount;
    }

    /// <summary>Who owes it.</summary>
    public string CustomerId { get; }

    /// <summary>The invoice.</summary>
    public string InvoiceId { get; }

    /// <summary>When it falls due.</summary>
    public DateOnly DueDate { get; }

    /// <summary>What is still unpaid.</summary>
    public Money OpenAmount { get; }

    /// <summary>Days past due on <paramref name="today"/>: 0 on the due date, negative before it.</summary>
    public int DaysOverdue(DateOnly today) => today.DayNumber - DueDate.DayNumber;
}
