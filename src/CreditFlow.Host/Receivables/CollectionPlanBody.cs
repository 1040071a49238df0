using System.Globalization;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Receivables;

/// <summary>The body of <c>POST /api/invoices/{invoiceId}/collection-plans</c>: a written special collection plan.</summary>
/// <param name="Cause">Why the customer does not pay.</param>
/// <param name="Means">How it will be collected.</param>
/// <param name="Owner">Who carries it out.</param>
/// <param name="Milestones">What happens by when: at least one, at most 20.</param>
public sealed record CollectionPlanBody(string? Cause, string? Means, string? Owner, IReadOnlyList<MilestoneBody>? Milestones)
{
    private const int MaxText = 2000;
    private const int MaxMilestones = 20;

    /// <summary>Every problem of the body by JSON path.</summary>
    internal static FieldErrors Validate(CollectionPlanBody body)
    {
        var errors = new FieldErrors();
        Text(errors, "cause", body.Cause, "why the customer does not pay");
        Text(errors, "means", body.Means, "how it will be collected");
        Text(errors, "owner", body.Owner, "who carries the plan out");
        if (body.Milestones is not { Count: > 0 } milestones)
        {
            errors.Add("milestones", "must list at least one dated step, e.g. [{\"on\": \"2026-05-01\", \"what\": \"first instalment\"}].");
            return errors;
        }

        if (milestones.Count > MaxMilestones)
        {
            errors.Add("milestones", $"must list at most {MaxMilestones} steps (was {milestones.Count}).");
        }

        for (var i = 0; i < milestones.Count; i++)
        {
            if (milestones[i]?.Date is null)
            {
                errors.Add($"milestones[{i}].on", "must be a date written yyyy-MM-dd.");
            }

            Text(errors, $"milestones[{i}].what", milestones[i]?.What, "what happens by then");
        }

        return errors;
    }

    private static void Text(FieldErrors errors, string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"is required: {what}.");
        }
        else if (value.Length > MaxText)
        {
            errors.Add(field, $"must be at most {MaxText} characters (was {value.Length}).");
        }
    }
}

/// <summary>One dated step of a plan.</summary>
/// <param name="On">By when, <c>yyyy-MM-dd</c>.</param>
/// <param name="What">What happens.</param>
public sealed record MilestoneBody(string? On, string? What)
{
    internal DateOnly? Date => DateOnly.TryParseExact(On, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
