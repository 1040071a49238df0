using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

public sealed class PaymentHabitPolicyTests
{
    private static readonly DateOnly Due = new(2026, 5, 31);
    private static readonly DateOnly Today = new(2026, 12, 31);

    private static Invoice Paid(int daysAfterDue, bool forced = false) =>
        Unpaid("I", Due) with { Paid = Money.Of(100m, "CNY"), SettledOn = Due.AddDays(daysAfterDue), ForcedCollection = forced };

    private static Invoice Unpaid(string id, DateOnly due, bool writtenOff = false) => new("C", id, due.AddDays(-30), due, Money.Of(100m, "CNY")) { WrittenOff = writtenOff };

    [Theory]
    [InlineData(-30, PaymentHabit.PaysEarly)]
    [InlineData(-10, PaymentHabit.PaysEarly)]
    [InlineData(-9, PaymentHabit.NearDueDate)]
    [InlineData(0, PaymentHabit.NearDueDate)]
    [InlineData(3, PaymentHabit.NearDueDate)]
    [InlineData(4, PaymentHabit.AfterReminder)]
    [InlineData(120, PaymentHabit.AfterReminder)]
    public void Classify_PaidDaysAfterDue_DefaultLines(int daysAfterDue, PaymentHabit expected)
    {
        // Act / Assert
        Assert.Equal(expected, PaymentHabitPolicy.Default.Classify(Paid(daysAfterDue), Today));
    }

    [Fact]
    public void Classify_ForcedWrittenOffAndOpen_ByTheirState()
    {
        // Arrange
        var policy = PaymentHabitPolicy.Default;

        // Act / Assert
        Assert.Equal(PaymentHabit.OnlyWhenForced, policy.Classify(Paid(70, forced: true), Today));
        Assert.Equal(PaymentHabit.Defaults, policy.Classify(Unpaid("I", Due, writtenOff: true), Due));
        Assert.Equal(PaymentHabit.Defaults, policy.Classify(Unpaid("I", Due), Due.AddDays(181)));
        Assert.Null(policy.Classify(Unpaid("I", Due), Due.AddDays(180)));
    }

    [Fact]
    public void Assess_MostInvoicesNearDue_NearDueDate()
    {
        // Act
        var habit = PaymentHabitPolicy.Default.Assess([Paid(0), Paid(-2), Paid(10), Paid(-20)], Today);

        // Assert
        Assert.Equal(PaymentHabit.NearDueDate, habit);
    }

    [Fact]
    public void Assess_TieBetweenHabits_TheWorseWins()
    {
        // Act
        var habit = PaymentHabitPolicy.Default.Assess([Paid(0), Paid(40)], Today);

        // Assert
        Assert.Equal(PaymentHabit.AfterReminder, habit);
    }

    [Fact]
    public void Assess_OneDefault_Defaults()
    {
        // Act
        var habit = PaymentHabitPolicy.Default.Assess([Paid(-20), Paid(-20), Paid(-20), Unpaid("X", Due, writtenOff: true)], Today);

        // Assert
        Assert.Equal(PaymentHabit.Defaults, habit);
    }

    [Fact]
    public void Assess_NoEvidence_Null()
    {
        // Act / Assert
        Assert.Null(PaymentHabitPolicy.Default.Assess([Unpaid("I", Today.AddDays(5))], Today));
    }

    [Fact]
    public void Parse_DefaultLineNotAboveGrace_Reported()
    {
        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => PaymentHabitPolicy.Parse("""{ "earlyDaysBeforeDue": 0, "graceDaysAfterDue": 30, "defaultAfterDaysOverdue": 30 }"""));

        // Assert
        Assert.Equal(["$.earlyDaysBeforeDue: must be at least 1, was 0", "$.defaultAfterDaysOverdue: must be above graceDaysAfterDue (30), was 30"], error.Problems.Select(p => p.ToString()));
    }
}
