using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Host.Applications;
using CreditFlow.Workflows.LegalHandoff;

namespace CreditFlow.Host.Cases;

/// <summary>The body of <c>POST /api/cases</c>: a credit manager hands a customer's unpaid invoices to legal.</summary>
/// <param name="CustomerId">Whose invoices.</param>
/// <param name="Reason">Why, in words; required.</param>
public sealed record OpenCaseBody(string? CustomerId, string? Reason)
{
    internal static FieldErrors Validate(OpenCaseBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body.CustomerId) || !ResourceIds.IsPlausible(body.CustomerId))
        {
            errors.Add("customerId", "is required: a customer id of 1-256 characters without '/', '\\', '#', '?' or control characters.");
        }

        CaseText.Check(errors, "reason", body.Reason, "why the case goes to legal");
        return errors;
    }
}

/// <summary>The body of <c>POST /api/cases/{id}/acceptance</c>: legal accepts the case and chooses its route.</summary>
/// <param name="Route">litigation, arbitration or agency.</param>
/// <param name="Agency">The agency's configured name, on the agency route only.</param>
/// <param name="Comment">Optional.</param>
public sealed record AcceptCaseBody(string? Route, string? Agency, string? Comment)
{
    internal CaseRoute ParsedRoute => Enum.Parse<CaseRoute>(Route!, ignoreCase: true);

    internal static FieldErrors Validate(AcceptCaseBody body, IAgencyChannel agencies)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Route) || !Enum.TryParse<CaseRoute>(body.Route, ignoreCase: true, out var route) || !Enum.IsDefined(route) || int.TryParse(body.Route, out _))
        {
            errors.Add("route", "is required: litigation, arbitration or agency.");
        }
        else if (route == CaseRoute.Agency && string.IsNullOrWhiteSpace(body.Agency))
        {
            errors.Add("agency", "is required on the agency route: the agency's configured name.");
        }
        else if (route == CaseRoute.Agency && !agencies.Knows(body.Agency!.Trim()))
        {
            errors.Add("agency", $"must be a configured agency ({(agencies.Agencies.Count == 0 ? "none is configured: Agencies__<name>__Url" : string.Join(", ", agencies.Agencies))}), was \"{body.Agency}\".");
        }
        else if (route != CaseRoute.Agency && body.Agency is not null)
        {
            errors.Add("agency", $"is only given on the agency route, not for {LegalCase.Words(route)}.");
        }

        if (body.Comment is { Length: > CaseText.MaxChars })
        {
            errors.Add("comment", $"must be at most {CaseText.MaxChars:N0} characters.");
        }

        return errors;
    }
}

/// <summary>The body of a recall, a write-off proposal or a withdrawal: why.</summary>
public sealed record CaseReasonBody(string? Reason)
{
    internal static FieldErrors Validate(CaseReasonBody body)
    {
        var errors = new FieldErrors();
        CaseText.Check(errors, "reason", body.Reason, "why");
        return errors;
    }
}

/// <summary>The body of <c>POST /api/cases/{id}/decision</c>: the answer to the case's waiting settlement or write-off.</summary>
/// <param name="Outcome">approve or reject.</param>
/// <param name="Comment">Required for a rejection.</param>
public sealed record CaseDecisionBody(string? Outcome, string? Comment)
{
    internal bool Approve => string.Equals(Outcome, "approve", StringComparison.OrdinalIgnoreCase);

    internal static FieldErrors Validate(CaseDecisionBody body)
    {
        var errors = new FieldErrors();
        if (!string.Equals(body.Outcome, "approve", StringComparison.OrdinalIgnoreCase) && !string.Equals(body.Outcome, "reject", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("outcome", "must be \"approve\" or \"reject\".");
        }
        else if (!body.Approve && string.IsNullOrWhiteSpace(body.Comment))
        {
            errors.Add("comment", "is required for a rejection: why.");
        }

        if (body.Comment is { Length: > CaseText.MaxChars })
        {
            errors.Add("comment", $"must be at most {CaseText.MaxChars:N0} characters.");
        }

        return errors;
    }
}

/// <summary>The free-text fields of the case bodies.</summary>
internal static class CaseText
{
    public const int MaxChars = 2_000;

    public static void Check(FieldErrors errors, string field, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"is required and must not be blank: {what}.");
        }
        else if (text.Length > MaxChars)
        {
            errors.Add(field, $"must be at most {MaxChars:N0} characters (was {text.Length:N0}).");
        }
    }
}
