using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>New customers start with a small trial limit, plus a guarantee when the request is large.</summary>
/// <remarks>Article: "small trial order + guarantee". Default (<c>new-customer-policy.json</c>): trial limit 100,000 CNY, guarantee above 500,000 CNY.</remarks>
public sealed record NewCustomerPolicy
{
    private const string ConfigurationName = "new-customer policy";
    private static readonly Lazy<NewCustomerPolicy> DefaultPolicy = ConfiguredRules.Shipped("new-customer-policy.json", Parse);

    /// <summary>Creates the policy.</summary>
    /// <param name="trialLimit">The largest limit granted during the trial period; above zero.</param>
    /// <param name="guaranteeThreshold">Requests above this need a guarantee or collateral; not negative, same currency.</param>
    /// <exception cref="ArgumentException">The trial limit is not positive, the threshold is negative, or they are in different currencies.</exception>
    public NewCustomerPolicy(Money trialLimit, Money guaranteeThreshold)
        : this(ConfiguredRules.Validate(nameof(trialLimit), p => Check(trialLimit, guaranteeThreshold, p)), trialLimit, guaranteeThreshold)
    {
    }

    private NewCustomerPolicy(Validated validated, Money trialLimit, Money guaranteeThreshold)
    {
        _ = validated;
        (TrialLimit, GuaranteeThreshold) = (trialLimit, guaranteeThreshold);
    }

    /// <summary>The shipped policy.</summary>
    public static NewCustomerPolicy Default => DefaultPolicy.Value;

    /// <summary>The largest limit granted during the trial period.</summary>
    public Money TrialLimit { get; }

    /// <summary>Requests above this need a guarantee or collateral.</summary>
    public Money GuaranteeThreshold { get; }

    /// <summary>Applies the policy to a requested limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The request is negative.</exception>
    /// <exception cref="CurrencyMismatchException">The request is in another currency than the policy.</exception>
    public NewCustomerTerms Assess(Money requested)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requested.Amount, nameof(requested));
        var trial = Money.Min(requested, TrialLimit);
        var guarantee = requested > GuaranteeThreshold;
        var reason = $"trial limit {trial} (at most {TrialLimit}); "
            + (guarantee ? $"request {requested} above {GuaranteeThreshold}: guarantee or collateral required" : $"request {requested} not above {GuaranteeThreshold}: no guarantee");
        return new NewCustomerTerms(requested, trial, guarantee, reason);
    }

    /// <summary>Loads <c>{ "trialLimit": { "amount", "currency" }, "guaranteeThreshold": { "amount", "currency" } }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Listing every problem with its JSON path.</exception>
    public static NewCustomerPolicy Parse(string json)
    {
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, ConfigurationName);
        var trial = r.Money(document.RootElement, "$", "trialLimit");
        var threshold = r.Money(document.RootElement, "$", "guaranteeThreshold");
        Check(trial, threshold, r.Sink);
        return new NewCustomerPolicy(ConfiguredRules.Passed(r, ConfigurationName), trial!.Value, threshold!.Value);
    }

    /// <summary>The rules on the amounts, for values present (a missing one is the reader's problem).</summary>
    private static void Check(Money? trial, Money? threshold, ICollection<ConfigurationProblem> problems)
    {
        if (trial is { Amount: <= 0m } t)
        {
            problems.Add(new ConfigurationProblem("$.trialLimit.amount", $"{ConfigurationReader.Format(t.Amount)} must be above 0"));
        }

        if (threshold is { Amount: < 0m } g)
        {
            problems.Add(new ConfigurationProblem("$.guaranteeThreshold.amount", $"{ConfigurationReader.Format(g.Amount)} must not be negative"));
        }

        if (trial is { } a && threshold is { } b && a.Currency != b.Currency)
        {
            problems.Add(new ConfigurationProblem("$.guaranteeThreshold.currency", $"{b.Currency} differs from the trial limit's {a.Currency}"));
        }
    }
}
