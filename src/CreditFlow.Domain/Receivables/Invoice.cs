using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// One invoice of a customer: what was billed and when it falls due, what credit notes and payments
/// took off it, and how it ended. The one invoice model of the domain: the ledger books it, the order
/// check's stop line and the dunning ladder read it, and the receivable analysis (aging, ABC classes,
/// payment habits) counts it.
/// </summary>
public sealed record Invoice
{
    private readonly DateOnly dueDate;

    /// <summary>Creates an invoice with nothing credited or paid yet.</summary>
    /// <param name="customerId">Who owes it.</param>
    /// <param name="invoiceId">The ERP's invoice id.</param>
    /// <param name="issueDate">When it was issued (the term starts).</param>
    /// <param name="dueDate">When it falls due.</param>
    /// <param name="amount">The invoiced amount.</param>
    /// <exception cref="ArgumentException">An id is blank, the due date precedes the issue date, or the amount is not positive.</exception>
    public Invoice(string customerId, string invoiceId, DateOnly issueDate, DateOnly dueDate, Money amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        if (dueDate < issueDate)
        {
            throw new ArgumentException($"The due date {dueDate} precedes the issue date {issueDate}.", nameof(dueDate));
        }

        if (amount.Amount <= 0m)
        {
            throw new ArgumentException($"An invoice amount must be positive, was {amount}.", nameof(amount));
        }

        CustomerId = customerId;
        InvoiceId = invoiceId;
        IssueDate = issueDate;
        this.dueDate = dueDate;
        Amount = amount;
        Credited = Money.Zero(amount.Currency);
        Paid = Money.Zero(amount.Currency);
    }

    /// <summary>An invoice due <paramref name="termDays"/> days after issue.</summary>
    /// <exception cref="ArgumentException">As the constructor.</exception>
    public static Invoice WithTerm(string customerId, string invoiceId, DateOnly issueDate, int termDays, Money amount) =>
        new(customerId, invoiceId, issueDate, issueDate.AddDays(termDays), amount);

    /// <summary>Who owes it.</summary>
    public string CustomerId { get; }

    /// <summary>The ERP's invoice id.</summary>
    public string InvoiceId { get; }

    /// <summary>When it was issued.</summary>
    public DateOnly IssueDate { get; }

    /// <summary>When it falls due (an approved extension moves it).</summary>
    /// <exception cref="ArgumentException">Set before the issue date.</exception>
    public DateOnly DueDate
    {
        get => dueDate;
        init => dueDate = value >= IssueDate ? value : throw new ArgumentException($"The due date {value} precedes the issue date {IssueDate}.", nameof(DueDate));
    }

    /// <summary>The invoiced amount.</summary>
    public Money Amount { get; }

    /// <summary>Credit notes issued against it.</summary>
    public Money Credited { get; init; }

    /// <summary>Payments applied to it, less reversals (below zero while a reversal arrived before its payment).</summary>
    public Money Paid { get; init; }

    /// <summary>The day it was paid in full; <c>null</c> while open, or when the ledger keeps no date.</summary>
    public DateOnly? SettledOn { get; init; }

    /// <summary>It was paid only after special collection, an agency or legal steps.</summary>
    public bool ForcedCollection { get; init; }

    /// <summary>It was written off as bad debt.</summary>
    public bool WrittenOff { get; init; }

    /// <summary>What is still owed: the amount less credit notes and payments, never below zero (an overpayment is not credit).</summary>
    /// <exception cref="CurrencyMismatchException">The amounts are in different currencies.</exception>
    public Money Open => Money.Max(Amount - Credited - Money.Max(Paid, Money.Zero(Amount.Currency)), Money.Zero(Amount.Currency));

    /// <summary>True while something is owed.</summary>
    public bool IsOpen => Open.Amount > 0m;

    /// <summary>Days past due on <paramref name="today"/>: 0 on the due date, negative before it.</summary>
    public int DaysOverdue(DateOnly today) => today.DayNumber - DueDate.DayNumber;
}
