using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Policies;

/// <summary>The body of <c>POST /api/policies/{version}/withdrawal</c>.</summary>
/// <param name="Reason">Why the draft is taken back (kept with it).</param>
public sealed record PolicyWithdrawalBody(string? Reason)
{
    /// <summary>Every problem of the body's fields.</summary>
    internal static FieldErrors Validate(PolicyWithdrawalBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors.Add("reason", "is required: why the draft is taken back, kept with it.");
        }
        else if (body.Reason.Length > PolicyDraftBody.NoteMaxChars)
        {
            errors.Add("reason", $"must be at most {PolicyDraftBody.NoteMaxChars} characters (was {body.Reason.Length}).");
        }

        return errors;
    }
}
