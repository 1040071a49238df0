using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Dunning;

/// <summary>An invoice followed by the dunning ladder.</summary>
public sealed record DunningInvoice
{
    /// <summary>Creates an invoice.</summary>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="issueDate">When it was issued (the term starts).</param>
    /// <param name="dueDate">When it falls due.</param>
    /// <param name="amount">Its amount.</param>
    /// <exception cref="ArgumentException">The id is blank, the due date precedes the issue date, or the amount is not positive.</exception>
    public DunningInvoice(string invoiceId, DateOnly issueDate, DateOnly dueDate, Money amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        if (dueDate < issueDate)
        {
            throw new ArgumentException($"The due date {dueDate} precedes the issue date {issueDate}.", nameof(dueDate));
        }

        if (amount.Amount <= 0m)
        {
            throw new ArgumentException($"An invoice amount must be positive, was {amount}.", nameof(amount));
        }

        InvoiceId = invoiceId;
        IssueDate = issueDate;
        DueDate = dueDate;
        Amount = amount;
    }

    /// <summary>An invoice due <paramref name="termDays"/> days after issue.</summary>
    /// <exception cref="ArgumentException">As the main constructor.</exception>
    public static DunningInvoice WithTerm(string invoiceId, DateOnly issueDate, int termDays, Money amount) =>
        new(invoiceId, issueDate, issueDate.AddDays(termDays), amount);

    /// <summary>The invoice.</summary>
    public string InvoiceId { get; }

    /// <summary>When it was issued.</summary>
    public DateOnly IssueDate { get; }

    /// <summary>When it falls due.</summary>
    public DateOnly DueDate { get; }

    /// <summary>Its amount.</summary>
    public Money Amount { get; }
}

/// <summary>A payment received against the invoice.</summary>
/// <param name="PaidOn">The day it was received.</param>
/// <param name="Amount">How much.</param>
public sealed record InvoicePayment(DateOnly PaidOn, Money Amount);

/// <summary>A dispute about the invoice; the ladder is paused while it is open.</summary>
/// <param name="OpenedOn">The day it was raised (paused from this day).</param>
/// <param name="ClosedOn">The day it was settled (the ladder resumes on this day); <c>null</c> while open.</param>
public sealed record InvoiceDispute(DateOnly OpenedOn, DateOnly? ClosedOn = null);

/// <summary>A customer's promise to pay.</summary>
/// <param name="MadeOn">The day the promise was made.</param>
/// <param name="PromisedDate">The day it promised to pay by (inclusive).</param>
/// <param name="Amount">How much it promised; <c>null</c> for the whole outstanding balance.</param>
public sealed record PaymentPromise(DateOnly MadeOn, DateOnly PromisedDate, Money? Amount = null);
