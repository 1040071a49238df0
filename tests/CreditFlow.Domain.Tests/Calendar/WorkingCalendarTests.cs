using CreditFlow.Domain.Calendar;

namespace CreditFlow.Domain.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)] // Monday + 1 working day = Tuesday
    [InlineData(3, 4)] // Thursday + 1 = Friday
    [InlineData(4, 7)] // Friday + 1 = Monday
    public void AddOneWorkingDay_SkipsTheWeekend(int startOffsetDays, int expectedOffsetDays)
    {
        var start = Monday.AddDays(startOffsetDays);

        Assert.Equal(Monday.AddDays(expectedOffsetDays), WorkingCalendar.Default.AddWorkingDays(start, 1));
    }

    [Fact]
    public void TwoWorkingDaysFromThursday_IsMonday()
    {
        Assert.Equal(Monday.AddDays(7), WorkingCalendar.Default.AddWorkingDays(Monday.AddDays(3), 2));
    }

    [Fact]
    public void AskedOnSaturday_CountsFromMondayMorning()
    {
        var saturdayAfternoon = new DateTimeOffset(2026, 1, 10, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero), WorkingCalendar.Default.AddWorkingDays(saturdayAfternoon, 1));
    }

    [Fact]
    public void FridayAndSaturdayWeekend_SundayIsAWorkingDay()
    {
        var calendar = new WorkingCalendar([DayOfWeek.Friday, DayOfWeek.Saturday]);
        var thursday = Monday.AddDays(3);

        Assert.Equal(Monday.AddDays(6), calendar.AddWorkingDays(thursday, 1));
    }

    [Fact]
    public void EveryDayOff_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(Enum.GetValues<DayOfWeek>()));
    }

    [Fact]
    public void NegativeDays_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.Default.AddWorkingDays(Monday, -1));
    }
}
