using System.Globalization;
using System.Text.Json;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Policies;

/// <summary>The body of <c>POST /api/policies</c>: a new version of the credit policy.</summary>
/// <param name="EffectiveFrom">Its first day in force, yyyy-MM-dd, not before today.</param>
/// <param name="Note">Why it is proposed (shown to the committee).</param>
/// <param name="Policy">The whole policy document, as <c>GET /api/policies/{version}</c> returns it under <c>policy</c>.</param>
public sealed record PolicyDraftBody(string? EffectiveFrom, string? Note, JsonElement? Policy)
{
    /// <summary>The most characters of a note.</summary>
    public const int NoteMaxChars = 2000;

    /// <summary>The first day, when it reads as a date.</summary>
    public DateOnly? Day =>
        DateOnly.TryParseExact(EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>Every problem of the body's fields (the document's own are the policy's to find).</summary>
    internal static FieldErrors Validate(PolicyDraftBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.EffectiveFrom))
        {
            errors.Add("effectiveFrom", "is required: the first day the version is in force, e.g. \"2027-01-01\".");
        }
        else if (body.Day is null)
        {
            errors.Add("effectiveFrom", "must be a date written yyyy-MM-dd, e.g. \"2027-01-01\".");
        }

        if (body.Note is { Length: > NoteMaxChars })
        {
            errors.Add("note", $"must be at most {NoteMaxChars} characters (was {body.Note.Length}).");
        }

        if (body.Policy is not { ValueKind: JsonValueKind.Object })
        {
            errors.Add("policy", "is required: the whole policy document as an object, e.g. the one GET /api/policies/1 returns.");
        }

        return errors;
    }
}
