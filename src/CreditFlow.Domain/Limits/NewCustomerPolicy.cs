using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>New customers start with a small trial limit, plus a guarantee when the request is large.</summary>
/// <remarks>Article: "small trial order + guarantee". Default (<c>new-customer-policy.json</c>): trial limit 100,000 CNY, guarantee above 500,000 CNY.</remarks>
public sealed record NewCustomerPolicy
{
    private static readonly Lazy<NewCustomerPolicy> DefaultPolicy = new(() => Parse(EmbeddedDefault.Read("new-customer-policy.json")));

    /// <summary>Creates the policy.</summary>
    /// <param name="trialLimit">The largest limit granted during the trial period; above zero.</param>
    /// <param name="guaranteeThreshold">Requests above this need a guarantee or collateral; not negative, same currency.</param>
    /// <exception cref="ArgumentOutOfRangeException">The trial limit is not positive or the threshold is negative.</exception>
    /// <exception cref="CurrencyMismatchException">The amounts are in different currencies.</exception>
    public NewCustomerPolicy(Money trialLimit, Money guaranteeThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trialLimit.Amount, nameof(trialLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(guaranteeThreshold.Amount, nameof(guaranteeThreshold));
        if (trialLimit.Currency != guaranteeThreshold.Currency)
        {
            throw new CurrencyMismatchException(trialLimit.Currency, guaranteeThreshold.Currency);
        }

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
        const string Name = "new-customer policy";
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, Name);
        var trial = r.Money(document.RootElement, "$", "trialLimit");
        var threshold = r.Money(document.RootElement, "$", "guaranteeThreshold");
        if (trial is { Amount: <= 0m } t)
        {
            r.Problem("$.trialLimit.amount", $"{ConfigurationReader.Format(t.Amount)} must be above 0");
        }

        if (threshold is { Amount: < 0m } g)
        {
            r.Problem("$.guaranteeThreshold.amount", $"{ConfigurationReader.Format(g.Amount)} must not be negative");
        }

        if (trial is { } a && threshold is { } b && a.Currency != b.Currency)
        {
            r.Problem("$.guaranteeThreshold.currency", $"{b.Currency} differs from the trial limit's {a.Currency}");
        }

        r.ThrowIfAny(Name);
        return new NewCustomerPolicy(trial!.Value, threshold!.Value);
    }
}
