using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Workflows.Tests.OrderCheck;

/// <summary>How long the next commit is expected to take: what the order check weighs before turning a document away.</summary>
public sealed class StoragePaceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void StorageAnswersNothing_TheExpectedCommitGrowsWithTheSilence()
    {
        var pace = new StoragePace(_clock);
        pace.Began();

        _clock.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(TimeSpan.FromMilliseconds(400), pace.RoundTrip());
    }

    [Fact]
    public void EveryCommitSlow_AStandingQueue_IsExpectedToLast()
    {
        var pace = new StoragePace(_clock);
        for (var i = 0; i < 5; i++)
        {
            var began = pace.Began();
            _clock.Advance(TimeSpan.FromMilliseconds(300));
            pace.Ended(began);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(300), pace.RoundTrip());
    }

    [Fact]
    public void AfterAStallDrains_QuickCommitsCountAtOnce_AndWithNothingOutstandingThePastIsForgotten()
    {
        var pace = new StoragePace(_clock);
        var stalled = Enumerable.Range(0, 3).Select(_ => pace.Began()).ToArray();
        _clock.Advance(TimeSpan.FromSeconds(2));
        foreach (var began in stalled)
        {
            pace.Ended(began);
        }

        Assert.Equal(TimeSpan.FromSeconds(2), pace.RoundTrip());

        // A quick commit right after says how storage is now.
        var quick = pace.Began();
        _clock.Advance(TimeSpan.FromMilliseconds(3));
        pace.Ended(quick);
        Assert.Equal(TimeSpan.FromMilliseconds(3), pace.RoundTrip());

        // Nothing finished lately and nothing outstanding: no queue to wait behind.
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.Zero, pace.RoundTrip());
    }
}
