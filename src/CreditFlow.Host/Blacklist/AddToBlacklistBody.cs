using CreditFlow.Domain.Customers;
using CreditFlow.Host.Applications;
using CreditFlow.Storage.Blacklist;

namespace CreditFlow.Host.Blacklist;

/// <summary>
/// The body of <c>POST /api/blacklist</c>: who goes on the list and why. Who decided is the API key (or the signed-in
/// user on the page); a legal case blacklists through its own workflow, so its source is not accepted here.
/// </summary>
/// <param name="RegistrationNumber">Required: the company's registration number, the key of the list.</param>
/// <param name="Name">Required: the company's name.</param>
/// <param name="CustomerId">Optional: our customer; its registration number must be the one given.</param>
/// <param name="Reason">Required: why, at most 2,000 characters.</param>
/// <param name="Source">Required: internal or industryList.</param>
public sealed record AddToBlacklistBody(string? RegistrationNumber, string? Name, string? CustomerId, string? Reason, string? Source)
{
    public const int MaxReasonChars = 2_000;
    public const int MaxNameChars = 200;

    /// <summary>The sources this body takes.</summary>
    internal static readonly BlacklistSource[] Sources = [BlacklistSource.Internal, BlacklistSource.IndustryList];

    /// <summary>The source, parsed; valid only when <see cref="Validate"/> found nothing.</summary>
    internal BlacklistSource ParsedSource => Enum.Parse<BlacklistSource>(Source!, ignoreCase: true);

    internal static FieldErrors Validate(AddToBlacklistBody body)
    {
        var errors = new FieldErrors();
        RegistrationNumberErrors(body.RegistrationNumber, "registrationNumber", errors);
        Text(body.Name, "name", MaxNameChars, "the company's name", errors);
        Text(body.Reason, "reason", MaxReasonChars, "why the company goes on the blacklist", errors);
        if (body.CustomerId is not null && !ResourceIds.IsPlausible(body.CustomerId))
        {
            errors.Add("customerId", "must be a customer id: 1-256 characters without '/', '\\', '#', '?' or control characters.");
        }

        if (string.IsNullOrWhiteSpace(body.Source))
        {
            errors.Add("source", "is required: internal or industryList.");
        }
        else if (!Sources.Any(s => string.Equals(BlacklistEntryView.SourceName(s), body.Source, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("source", $"must be internal or industryList (was \"{body.Source}\"); a legal case blacklists through its workflow.");
        }

        return errors;
    }

    /// <summary>Adds the problem of a registration number, if any, under <paramref name="path"/>.</summary>
    internal static void RegistrationNumberErrors(string? number, string path, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            errors.Add(path, "is required: the company's registration number.");
        }
        else if (!BlacklistStore.IsValidRegistrationNumber(number.Trim()))
        {
            errors.Add(path, "must be 1-256 characters without '/', '\\', '#', '?', '|' or control characters.");
        }
    }

    internal static void Text(string? value, string path, int max, string what, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, $"is required and must not be blank: {what}.");
        }
        else if (value.Length > max)
        {
            errors.Add(path, $"must be at most {max:N0} characters (was {value.Length:N0}).");
        }
    }
}
