using CreditFlow.Host.Applications;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Customers;

/// <summary>
/// The body of <c>PUT /api/customers/{id}/order-terms</c>. Both terms are required: a PUT replaces
/// them, and a forgotten field must not quietly lift a freeze. Who decides is the caller's API key.
/// </summary>
/// <param name="LimitFrozen">True freezes the limit (e.g. a yellow warning at 30 days overdue): every order is held.</param>
/// <param name="PrepaymentShare">Share of each order the customer must prepay: 0 for none, 1 for full prepayment, 0.3 for 30%.</param>
/// <param name="Reason">Why, for the decision log; required, at most 1,000 characters.</param>
public sealed record OrderTermsBody(bool? LimitFrozen, decimal? PrepaymentShare, string? Reason)
{
    public const int MaxReasonChars = 1_000;

    /// <summary>Every problem of <paramref name="body"/> by JSON path; none when <see cref="ToTerms"/> gives terms.</summary>
    internal static FieldErrors Validate(OrderTermsBody body)
    {
        var errors = new FieldErrors();
        body.ToTerms(errors);
        return errors;
    }

    /// <summary>The terms, or null with every problem added to <paramref name="errors"/> by JSON path.</summary>
    internal OrderTerms? ToTerms(FieldErrors errors)
    {
        if (LimitFrozen is null)
        {
            errors.Add("limitFrozen", "is required: true or false.");
        }

        if (PrepaymentShare is not { } share)
        {
            errors.Add("prepaymentShare", "is required: 0 for none up to 1 for full prepayment.");
        }
        else if (share is < 0m or > 1m)
        {
            errors.Add("prepaymentShare", $"must be from 0 (no prepayment) to 1 (full prepayment), e.g. 0.3 for 30% (was {share}).");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add("reason", "is required and must not be blank: it is the 'why' of the logged decision.");
        }
        else if (Reason.Length > MaxReasonChars)
        {
            errors.Add("reason", $"must be at most {MaxReasonChars:N0} characters (was {Reason.Length:N0}).");
        }

        return errors.IsEmpty ? new OrderTerms(LimitFrozen!.Value, PrepaymentShare!.Value) : null;
    }
}
