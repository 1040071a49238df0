using System.Net.Mail;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Scoring;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Host.Applications;

/// <summary>
/// Checks request bodies field by field and names every problem by its JSON path. Figures must be
/// inputs of the scorecard of the credit policy in force, amounts in the authority matrix's currency.
/// </summary>
internal sealed class ApplicationValidator(CreditPolicies policies)
{
    // Every version of the credit policy keeps the authority matrix's currency (CreditPolicy.Problems).
    private static readonly Currency AuthorityCurrency = CreditPolicy.Default.Authority.Currency;

    /// <summary>What one table property holds (see the application repository).</summary>
    public const int MaxImpressionReportChars = 32_000;

    public const int MaxReasonChars = 4_000;
    public const int MaxIntegrityIssues = 50;
    private const int MaxNameChars = 200;
    private const int MaxRegistrationNumberChars = 64;
    private const int MaxIndustryChars = 100;
    private const int MaxIssueChars = 1_000;

    // RFC 5321: a forward path holds at most 256 octets including the angle brackets.
    private const int MaxEmailChars = 254;
    private const int MinTermDays = 1;
    private const int MaxTermDays = 365;

    /// <summary>The scorecard figures are checked against: the one of the policy in force today.</summary>
    public async Task<ScorecardModel> ScorecardAsync(CancellationToken cancellationToken) =>
        (await policies.InForceAsync(cancellationToken)).Scorecard;

    public FieldErrors Validate(FileApplicationBody body, ScorecardModel scorecard)
    {
        var errors = new FieldErrors();
        if (body.Customer is not { } customer)
        {
            errors.Add("customer", "is required.");
        }
        else
        {
            RequiredText(errors, "customer.name", customer.Name, MaxNameChars);
            RequiredText(errors, "customer.registrationNumber", customer.RegistrationNumber, MaxRegistrationNumberChars);
            if (!string.IsNullOrWhiteSpace(customer.RegistrationNumber) && !CustomerIds.CanIdentify(customer.RegistrationNumber))
            {
                errors.Add("customer.registrationNumber", "must contain at least one letter or digit.");
            }

            OptionalText(errors, "customer.actualController", customer.ActualController, MaxNameChars);
            OptionalText(errors, "customer.industry", customer.Industry, MaxIndustryChars);
            Email(errors, "customer.contactEmail", customer.ContactEmail);
            Amount(errors, "customer.annualSales", customer.AnnualSales, required: false, mustBePositive: false);
        }

        Amount(errors, "requestedLimit", body.RequestedLimit, required: true, mustBePositive: true);
        if (body.RequestedTermDays is not { } term)
        {
            errors.Add("requestedTermDays", "is required.");
        }
        else if (term is < MinTermDays or > MaxTermDays)
        {
            errors.Add("requestedTermDays", $"must be {MinTermDays}-{MaxTermDays} days (was {term}).");
        }

        Amount(errors, "expectedAnnualPurchases", body.ExpectedAnnualPurchases, required: false, mustBePositive: false);
        Figures(errors, body.FinancialFigures, scorecard, required: true);
        RequiredText(errors, "impressionReport", body.ImpressionReport, MaxImpressionReportChars);
        Email(errors, "salesRepEmail", body.SalesRepEmail);
        OptionalText(errors, "belowStandardReason", body.BelowStandardReason, MaxReasonChars);
        IntegrityIssues(errors, body.IntegrityIssues);
        return errors;
    }

    public FieldErrors Validate(SupplyDataBody body, ScorecardModel scorecard)
    {
        var errors = new FieldErrors();
        Figures(errors, body.FinancialFigures, scorecard, required: false);
        OptionalText(errors, "belowStandardReason", body.BelowStandardReason, MaxReasonChars);
        if ((body.FinancialFigures is null or { Count: 0 }) && string.IsNullOrWhiteSpace(body.BelowStandardReason))
        {
            errors.Add("financialFigures", "is required unless a belowStandardReason is given: send what sales was asked for.");
        }

        return errors;
    }

    public FieldErrors Validate(ReconsiderationBody body)
    {
        var errors = new FieldErrors();
        RequiredText(errors, "reason", body.Reason, MaxReasonChars);
        return errors;
    }

    private static void RequiredText(FieldErrors errors, string path, string? value, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, "is required and must not be blank.");
            return;
        }

        OptionalText(errors, path, value, maxChars);
    }

    private static void OptionalText(FieldErrors errors, string path, string? value, int maxChars)
    {
        if (value is not null && value.Length > maxChars)
        {
            errors.Add(path, $"must be at most {maxChars:N0} characters (was {value.Length:N0}).");
        }
    }

    private static void Email(FieldErrors errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, "is required.");
        }
        else if (value.Length > MaxEmailChars || !MailAddress.TryCreate(value, out var address)
            || !string.Equals(address.Address, value, StringComparison.Ordinal) || !string.IsNullOrEmpty(address.DisplayName))
        {
            errors.Add(path, $"'{Shorten(value)}' is not an e-mail address such as name@example.com.");
        }
    }

    private static void Amount(FieldErrors errors, string path, MoneyBody? money, bool required, bool mustBePositive)
    {
        if (money is null)
        {
            if (required)
            {
                errors.Add(path, $"is required, e.g. {{\"amount\": 100000, \"currency\": \"{AuthorityCurrency}\"}}.");
            }

            return;
        }

        if (money.Amount is not { } amount)
        {
            errors.Add($"{path}.amount", "is required.");
        }
        else if (mustBePositive ? amount <= 0m : amount < 0m)
        {
            errors.Add($"{path}.amount", mustBePositive ? "must be more than 0." : "must not be negative.");
        }

        if (string.IsNullOrEmpty(money.Currency))
        {
            errors.Add($"{path}.currency", $"is required: {AuthorityCurrency}.");
        }
        else if (!string.Equals(money.Currency, AuthorityCurrency.Code, StringComparison.Ordinal))
        {
            errors.Add($"{path}.currency", $"must be {AuthorityCurrency}, the currency of the authority matrix (was '{Shorten(money.Currency)}').");
        }
    }

    private static void Figures(FieldErrors errors, Dictionary<string, decimal>? figures, ScorecardModel model, bool required)
    {
        if (figures is null)
        {
            if (required)
            {
                errors.Add("financialFigures", "is required: an object of scorecard inputs by name; {} when none are known yet.");
            }

            return;
        }

        foreach (var name in figures.Keys.Where(name => !model.Inputs.Any(i => string.Equals(i.Name, name, StringComparison.Ordinal))))
        {
            errors.Add(
                $"financialFigures.{name}",
                $"is not an input of scorecard model {model.Id} {model.Version}; its inputs are {string.Join(", ", model.Inputs.Select(i => i.Name))}.");
        }
    }

    private static void IntegrityIssues(FieldErrors errors, List<string?>? issues)
    {
        if (issues is null)
        {
            return;
        }

        if (issues.Count > MaxIntegrityIssues)
        {
            errors.Add("integrityIssues", $"must list at most {MaxIntegrityIssues} issues (was {issues.Count}).");
        }

        for (var i = 0; i < issues.Count; i++)
        {
            RequiredText(errors, $"integrityIssues[{i}]", issues[i], MaxIssueChars);
        }
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
