namespace CreditFlow.Domain.Dunning;

/// <summary>How a dunning step is placed in time.</summary>
public enum DunningOffsetKind
{
    /// <summary>Days from the due date; negative before it.</summary>
    DaysFromDue,

    /// <summary>Calendar months from the due date (e.g. 2 for "term + 2 months").</summary>
    MonthsFromDue,

    /// <summary>A fraction of the term from the issue date (0.5 = half the term), whole days rounded down.</summary>
    TermFraction,
}

/// <summary>When a dunning step falls due, before any pause or postponement.</summary>
public sealed record DunningOffset
{
    /// <summary>Creates an offset.</summary>
    /// <param name="kind">How the value is read.</param>
    /// <param name="value">Days or months (whole, within ±36,500), or the fraction of the term (above 0, at most 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not suit the kind.</exception>
    public DunningOffset(DunningOffsetKind kind, decimal value)
    {
        if (Problem(kind, value) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, problem);
        }

        Kind = kind;
        Value = value;
    }

    /// <summary>How the value is read.</summary>
    public DunningOffsetKind Kind { get; }

    /// <summary>Days, months, or the fraction of the term.</summary>
    public decimal Value { get; }

    /// <summary>Days from the due date.</summary>
    public static DunningOffset DaysFromDue(int days) => new(DunningOffsetKind.DaysFromDue, days);

    /// <summary>Months from the due date.</summary>
    public static DunningOffset MonthsFromDue(int months) => new(DunningOffsetKind.MonthsFromDue, months);

    /// <summary>A fraction of the term from the issue date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1].</exception>
    public static DunningOffset TermFraction(decimal fraction) => new(DunningOffsetKind.TermFraction, fraction);

    /// <summary>The scheduled date for an invoice issued on <paramref name="issueDate"/> and due on <paramref name="dueDate"/>.</summary>
    public DateOnly DateFor(DateOnly issueDate, DateOnly dueDate) => Kind switch
    {
        DunningOffsetKind.DaysFromDue => dueDate.AddDays((int)Value),
        DunningOffsetKind.MonthsFromDue => dueDate.AddMonths((int)Value),
        _ => issueDate.AddDays((int)decimal.Floor((dueDate.DayNumber - issueDate.DayNumber) * Value)),
    };

    /// <summary>Why <paramref name="value"/> does not suit <paramref name="kind"/>, or <c>null</c>.</summary>
    internal static string? Problem(DunningOffsetKind kind, decimal value) => kind switch
    {
        DunningOffsetKind.TermFraction when value is <= 0m or > 1m => $"a term fraction must be above 0 and at most 1, was {value}",
        DunningOffsetKind.DaysFromDue or DunningOffsetKind.MonthsFromDue when value != decimal.Truncate(value) || Math.Abs(value) > 36_500m =>
            $"must be a whole number within ±36500, was {value}",
        _ => null,
    };
}
