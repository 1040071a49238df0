using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Receivables;

/// <summary>The body of <c>POST /api/invoices/{invoiceId}/disputes</c>: why the customer disputes the invoice. Who recorded it is the API key.</summary>
/// <param name="Reason">The customer's reason, required, at most 1,000 characters.</param>
public sealed record DisputeBody(string? Reason)
{
    public const int MaxChars = 1_000;

    internal static FieldErrors Validate(DisputeBody body) => RequiredText(body.Reason, "reason", "what the customer disputes");

    /// <summary>A required text of at most <see cref="MaxChars"/> characters, its problem under <paramref name="path"/>.</summary>
    internal static FieldErrors RequiredText(string? text, string path, string what)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, $"is required and must not be blank: {what}.");
        }
        else if (text.Length > MaxChars)
        {
            errors.Add(path, $"must be at most {MaxChars:N0} characters (was {text.Length:N0}).");
        }

        return errors;
    }
}
