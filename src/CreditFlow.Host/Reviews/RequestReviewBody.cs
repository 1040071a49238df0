using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Reviews;

/// <summary>The body of <c>POST /api/customers/{id}/reviews</c>: why a review is wanted now.</summary>
/// <param name="Reason">E.g. "new statements received"; required, at most 500 characters.</param>
public sealed record RequestReviewBody(string? Reason)
{
    public const int MaxChars = 500;

    internal static FieldErrors Validate(RequestReviewBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors.Add("reason", "is required and must not be blank: why the customer should be reviewed now.");
        }
        else if (body.Reason.Length > MaxChars)
        {
            errors.Add("reason", $"must be at most {MaxChars:N0} characters (was {body.Reason.Length:N0}).");
        }

        return errors;
    }
}
