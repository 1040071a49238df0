using CreditFlow.Domain.Classes;

namespace CreditFlow.Domain.Reviews;

/// <summary>
/// How often customers are re-reviewed and what their record earns them (docs/domain.md "Periodic re-review"): class C
/// or a customer with an open warning monthly, B quarterly, A half-yearly, everyone's policy revised at least yearly;
/// class A in every review for two years running → strategic credit (a looser limit), warnings in two review periods
/// in a row → restricted credit (a tighter one).
/// </summary>
public sealed record ReviewPolicy
{
    /// <summary>The defaults above; strategic credit at 1.2× the limit, restricted credit at half of it.</summary>
    public static ReviewPolicy Default { get; } = new();

    /// <summary>Months between reviews of a class A customer.</summary>
    public int MonthsForA { get; init; } = 6;

    /// <summary>Months between reviews of a class B customer.</summary>
    public int MonthsForB { get; init; } = 3;

    /// <summary>Months between reviews of a class C (or D, or unclassed) customer.</summary>
    public int MonthsForC { get; init; } = 1;

    /// <summary>Months between reviews while the customer has an open warning, whatever its class.</summary>
    public int MonthsWithOpenWarning { get; init; } = 1;

    /// <summary>Months after which a review is also the yearly revision of the customer's policy.</summary>
    public int PolicyRevisionMonths { get; init; } = 12;

    /// <summary>Years of class A in every review, running, that earn strategic credit.</summary>
    public int StrategicAfterYears { get; init; } = 2;

    /// <summary>The strategic limit as a multiple of the limit the class gives.</summary>
    public decimal StrategicLimitFactor { get; init; } = 1.2m;

    /// <summary>The restricted limit as a share of the limit the class gives.</summary>
    public decimal RestrictedLimitShare { get; init; } = 0.5m;

    /// <summary>What is wrong with the numbers, each naming its setting; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, months) in new[] { (nameof(MonthsForA), MonthsForA), (nameof(MonthsForB), MonthsForB), (nameof(MonthsForC), MonthsForC), (nameof(MonthsWithOpenWarning), MonthsWithOpenWarning), (nameof(PolicyRevisionMonths), PolicyRevisionMonths), (nameof(StrategicAfterYears), StrategicAfterYears) })
        {
            if (months < 1)
            {
                problems.Add($"{name} must be at least 1, was {months}");
            }
        }

        if (StrategicLimitFactor < 1m)
        {
            problems.Add($"{nameof(StrategicLimitFactor)} must be at least 1 (strategic credit is looser), was {StrategicLimitFactor}");
        }

        if (RestrictedLimitShare is <= 0m or > 1m)
        {
            problems.Add($"{nameof(RestrictedLimitShare)} must be above 0 and at most 1 (restricted credit is tighter), was {RestrictedLimitShare}");
        }

        return problems;
    }

    /// <summary>When the review after one on <paramref name="reviewedOn"/> falls due.</summary>
    public DateOnly NextReview(DateOnly reviewedOn, CreditClass? creditClass, bool openWarning)
    {
        var months = creditClass switch
        {
            CreditClass.A => MonthsForA,
            CreditClass.B => MonthsForB,
            _ => MonthsForC,
        };
        return reviewedOn.AddMonths(openWarning ? Math.Min(months, MonthsWithOpenWarning) : months);
    }
}
