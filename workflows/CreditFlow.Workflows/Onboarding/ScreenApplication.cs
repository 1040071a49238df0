using CreditFlow.Domain.Customers;
using CreditFlow.Storage;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Workflows.Policies;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// Blacklist and group check, integrity, the sales standard and the required data of the scorecard in force
/// (docs/domain.md "Onboarding": serious integrity issues reject; too little known suspends and asks).
/// </summary>
public sealed class ScreenApplication(CreditStore store, CreditPolicies policies, IOptions<OnboardingOptions> options)
    : TaskActivity<CreditApplicationRequest, Screening>
{
    /// <summary>Names the missing written reason in <see cref="Screening.Missing"/>.</summary>
    public const string BelowSalesStandardReason = "belowStandardReason: expected annual purchases are below the sales standard; a written reason from sales is required";

    /// <inheritdoc />
    public override async Task<Screening> RunAsync(TaskActivityContext context, CreditApplicationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await BlacklistHit(input) is { } hit)
        {
            return new Screening(hit, []);
        }

        if (input.IntegrityIssues.Count > 0)
        {
            return new Screening($"serious integrity issue: {string.Join("; ", input.IntegrityIssues)}", []);
        }

        // The figures the scorecard in force asks for; named first (the API and the application page match on the
        // name), then said for people.
        var scorecard = (await policies.InForceAsync()).Scorecard;
        var missing = scorecard.Score(input.FinancialFigures).Missing
            .Select(m => scorecard.Inputs.FirstOrDefault(i => i.Name == m.Input) is { } known
                ? $"{m.Input}: {known.Description.TrimEnd('.')} ({known.Unit}) — {m.Reason}"
                : $"{m.Input}: {m.Reason}")
            .Distinct()
            .ToList();
        var standard = options.Value.SalesStandardAnnualPurchases;
        if (standard > 0 && input.ExpectedAnnualPurchases is { } expected && expected.Amount < standard && string.IsNullOrWhiteSpace(input.BelowStandardReason))
        {
            missing.Add(BelowSalesStandardReason);
        }

        return new Screening(null, missing);
    }

    // Fraud often runs through groups: a blacklisted company under the same actual controller counts too. The list is
    // read by registration number, so an industry list's entry refuses a company that is not (yet) our customer; the
    // profile status still counts for customers blacklisted before the list existed.
    private async Task<string?> BlacklistHit(CreditApplicationRequest input)
    {
        if (await ListedAsync(input.Customer.RegistrationNumber) is { } entry)
        {
            return $"the customer is blacklisted ({Source(entry)}): {entry.Reason}";
        }

        if ((await store.Profiles.GetAsync(input.Customer.Id))?.Value.Status == CreditProfileStatus.Blacklisted)
        {
            return "the customer is blacklisted";
        }

        if (input.Customer.ActualController is not { Length: > 0 } controller)
        {
            return null;
        }

        foreach (var member in await store.Customers.ListByActualControllerAsync(controller))
        {
            if (member.Id != input.Customer.Id
                && ((await store.Profiles.GetAsync(member.Id))?.Value.Status == CreditProfileStatus.Blacklisted || await ListedAsync(member.RegistrationNumber) is not null))
            {
                return $"group member {member.Name} ({member.Id}), controlled by {controller}, is blacklisted";
            }
        }

        return null;
    }

    /// <summary>The list's entry of the registration number; none for a number that cannot be a key (it cannot be listed).</summary>
    private async Task<BlacklistEntry?> ListedAsync(string? registrationNumber)
    {
        var number = registrationNumber?.Trim();
        return BlacklistStore.IsValidRegistrationNumber(number) ? await store.Blacklist.GetAsync(number!) : null;
    }

    private static string Source(BlacklistEntry entry) => entry.Source switch
    {
        BlacklistSource.IndustryList => "industry list",
        BlacklistSource.LegalCase => $"legal case {entry.CaseId}",
        _ => "internal list",
    };
}
