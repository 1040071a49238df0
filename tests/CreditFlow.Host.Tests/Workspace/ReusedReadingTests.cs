using CreditFlow.Host.Workspace.Dashboard;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>A reading reused for a minute: read again within the request that finds it old, or behind it.</summary>
public sealed class ReusedReadingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
    private int reads;

    [Fact]
    public async Task WithinTheRequest_AnOldReadingIsReadAgainBeforeItIsGiven()
    {
        var reading = new ReusedReading<string>(_ => Task.FromResult($"reading {++reads}"), () => Minute, clock);

        Assert.Equal("reading 1", await reading.ReadAsync(default));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("reading 1", await reading.ReadAsync(default));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("reading 2", await reading.ReadAsync(default));
    }

    [Fact]
    public async Task Behind_AnOldReadingIsGivenAtOnce_AndTheNextRequestsGetTheNewOne()
    {
        var next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = new List<Exception>();
        var reading = new ReusedReading<string>(_ => ++reads == 1 ? Task.FromResult("reading 1") : next.Task, () => Minute, clock, failures.Add);

        Assert.Equal("reading 1", await reading.ReadAsync(default)); // the first one is waited for: there is nothing else to give
        clock.Advance(Minute);

        Assert.Equal("reading 1", await reading.ReadAsync(default)); // old: given as it is, read again behind
        Assert.Equal("reading 1", await reading.ReadAsync(default)); // still under way: no second reading
        Assert.Equal(2, reads);

        next.SetResult("reading 2");
        Assert.Equal("reading 2", await EventuallyAsync(reading, "reading 2"));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Behind_AFailedReadingKeepsTheOldOne_SaysWhy_AndTheNextRequestTriesAgain()
    {
        var failures = new List<Exception>();
        var reading = new ReusedReading<string>(
            _ => ++reads == 2 ? Task.FromException<string>(new InvalidOperationException("storage away")) : Task.FromResult($"reading {reads}"), () => Minute, clock, failures.Add);

        Assert.Equal("reading 1", await reading.ReadAsync(default));
        clock.Advance(Minute);
        Assert.Equal("reading 1", await reading.ReadAsync(default));
        Assert.Equal("storage away", Assert.Single(failures).Message);

        Assert.Equal("reading 1", await reading.ReadAsync(default)); // the third reading goes on behind this one
        Assert.Equal("reading 3", await EventuallyAsync(reading, "reading 3"));
    }

    // The reading behind a request finishes on its own, on another thread: ask until it is given (no clock moves meanwhile).
    private static async Task<string> EventuallyAsync(ReusedReading<string> reading, string expected) =>
        await Cases.CasesHost.EventuallyAsync(async () => await reading.ReadAsync(default) == expected ? expected : null, expected);
}
