using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// The lines between payment habits. Per invoice: written off, or open more than
/// <see cref="DefaultAfterDaysOverdue"/> days past due → defaults; paid under forced collection → only
/// when forced; paid more than <see cref="GraceDaysAfterDue"/> days after due → after reminder; paid at
/// least <see cref="EarlyDaysBeforeDue"/> days before due → early; otherwise near the due date. Open
/// invoices not yet in default say nothing yet and are skipped.
/// </summary>
/// <remarks>
/// The customer's habit: defaults as soon as one invoice defaulted (one bad debt marks the
/// customer); otherwise the habit of most invoices, a tie going to the worse habit.
/// Shipped default (<c>Defaults/payment-habits.json</c>, our choice; the sources name the classes, not
/// the lines): early from 10 days before due, 3 days of grace after due, default after 180 days
/// overdue (where the dunning ladder goes to litigation).
/// </remarks>
public sealed record PaymentHabitPolicy
{
    private const string ConfigurationName = "payment habit policy";
    private static readonly Lazy<PaymentHabitPolicy> Shipped = ConfiguredRules.Shipped("payment-habits.json", Parse);

    /// <summary>Creates a policy.</summary>
    /// <param name="earlyDaysBeforeDue">Paid at least this many days before due counts as early.</param>
    /// <param name="graceDaysAfterDue">Paid up to this many days after due still counts as near the due date.</param>
    /// <param name="defaultAfterDaysOverdue">Open for more than this many days past due counts as a default.</param>
    /// <exception cref="ArgumentException">Early days below 1, grace days negative, or the default line not above the grace.</exception>
    public PaymentHabitPolicy(int earlyDaysBeforeDue, int graceDaysAfterDue, int defaultAfterDaysOverdue)
        : this(
            ConfiguredRules.Validate(nameof(earlyDaysBeforeDue), p => Check(earlyDaysBeforeDue, graceDaysAfterDue, defaultAfterDaysOverdue, p)),
            earlyDaysBeforeDue,
            graceDaysAfterDue,
            defaultAfterDaysOverdue)
    {
    }

    private PaymentHabitPolicy(Validated validated, int earlyDaysBeforeDue, int graceDaysAfterDue, int defaultAfterDaysOverdue)
    {
        _ = validated;
        EarlyDaysBeforeDue = earlyDaysBeforeDue;
        GraceDaysAfterDue = graceDaysAfterDue;
        DefaultAfterDaysOverdue = defaultAfterDaysOverdue;
    }

    /// <summary>The shipped default policy.</summary>
    public static PaymentHabitPolicy Default => Shipped.Value;

    /// <summary>Paid at least this many days before due counts as early.</summary>
    public int EarlyDaysBeforeDue { get; }

    /// <summary>Paid up to this many days after due still counts as near the due date.</summary>
    public int GraceDaysAfterDue { get; }

    /// <summary>Open for more than this many days past due counts as a default.</summary>
    public int DefaultAfterDaysOverdue { get; }

    /// <summary>Reads <c>{ "earlyDaysBeforeDue": 10, "graceDaysAfterDue": 3, "defaultAfterDaysOverdue": 180 }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static PaymentHabitPolicy Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "earlyDaysBeforeDue", "graceDaysAfterDue", "defaultAfterDaysOverdue");
        var early = reader.Int(root, "$", "earlyDaysBeforeDue");
        var grace = reader.Int(root, "$", "graceDaysAfterDue");
        var defaults = reader.Int(root, "$", "defaultAfterDaysOverdue");
        Check(early, grace, defaults, reader.Sink);
        return new PaymentHabitPolicy(ConfiguredRules.Passed(reader, ConfigurationName), early!.Value, grace!.Value, defaults!.Value);
    }

    /// <summary>The rules on the lines, for values present (a missing one is the reader's problem).</summary>
    private static void Check(int? early, int? grace, int? defaults, ICollection<ConfigurationProblem> problems)
    {
        if (early is < 1)
        {
            problems.Add(new ConfigurationProblem("$.earlyDaysBeforeDue", $"must be at least 1, was {early}"));
        }

        if (grace is < 0)
        {
            problems.Add(new ConfigurationProblem("$.graceDaysAfterDue", $"must not be negative, was {grace}"));
        }

        if (defaults is { } d && grace is { } g && d <= g)
        {
            problems.Add(new ConfigurationProblem("$.defaultAfterDaysOverdue", $"must be above graceDaysAfterDue ({g}), was {d}"));
        }
    }

    /// <summary>The habit one invoice shows on <paramref name="today"/>; <c>null</c> while it is open and not in default.</summary>
    public PaymentHabit? Classify(Invoice invoice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.WrittenOff)
        {
            return PaymentHabit.Defaults;
        }

        if (invoice.SettledOn is not { } settled)
        {
            return today.DayNumber - invoice.DueDate.DayNumber > DefaultAfterDaysOverdue ? PaymentHabit.Defaults : null;
        }

        var late = settled.DayNumber - invoice.DueDate.DayNumber;
        return invoice.ForcedCollection ? PaymentHabit.OnlyWhenForced
            : late > GraceDaysAfterDue ? PaymentHabit.AfterReminder
            : -late >= EarlyDaysBeforeDue ? PaymentHabit.PaysEarly
            : PaymentHabit.NearDueDate;
    }

    /// <summary>The customer's habit from its payment history; <c>null</c> when no invoice says anything yet.</summary>
    public PaymentHabit? Assess(IEnumerable<Invoice> history, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(history);
        var habits = history.Select(i => Classify(i, today)).OfType<PaymentHabit>().ToArray();
        if (habits.Length == 0)
        {
            return null;
        }

        return habits.Contains(PaymentHabit.Defaults)
            ? PaymentHabit.Defaults
            : habits.GroupBy(h => h).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
    }
}
