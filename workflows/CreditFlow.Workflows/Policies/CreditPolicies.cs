using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Policies;
using CreditFlow.Storage.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Policies;

/// <summary>
/// The approved versions of the credit policy as this process knows them (<see cref="CreditPolicyBook"/>), for
/// decisions on the request path: read once on first use, then again in the background when older than
/// <see cref="PolicyOptions.RefreshSeconds"/>, so a decision never waits for storage after the first.
/// </summary>
public sealed class CreditPolicies(PolicyStore store, IOptions<PolicyOptions> options, TimeProvider clock, ILogger<CreditPolicies> logger)
{
    private readonly Lock gate = new();
    private Snapshot? known;
    private Task<Snapshot>? reading;

    /// <summary>The version decisions on <paramref name="day"/> are taken under.</summary>
    public async ValueTask<CreditPolicy> InEffectOnAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        (await BookAsync(cancellationToken)).InEffectOn(day);

    /// <summary>Today by this process's clock: the day decisions are taken on.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The version decisions today are taken under.</summary>
    public ValueTask<CreditPolicy> InForceAsync(CancellationToken cancellationToken = default) =>
        InEffectOnAsync(Today, cancellationToken);

    /// <summary>
    /// Approved version <paramref name="version"/>, read again when this process does not know it yet (approved
    /// elsewhere since the last read); null when it cannot be read by this build (logged where the versions are read).
    /// </summary>
    public async ValueTask<CreditPolicy?> VersionAsync(int version, CancellationToken cancellationToken = default) =>
        (await BookWithAsync([version], cancellationToken)).Version(version);

    /// <summary>
    /// The version a decision was taken or asked under, when it recorded one this build can read; otherwise the version
    /// in force (a record from before versions were kept, or a version this build cannot read).
    /// </summary>
    public async ValueTask<CreditPolicy> VersionOrInForceAsync(int? version, CancellationToken cancellationToken = default) =>
        (version is { } recorded ? await VersionAsync(recorded, cancellationToken) : null) ?? await InForceAsync(cancellationToken);

    /// <summary>
    /// The versions as this process knows them, read again first when one of <paramref name="versions"/> is missing:
    /// an invoice or a warning pinned to a version approved in another process since this one last read.
    /// </summary>
    public async ValueTask<CreditPolicyBook> BookWithAsync(IEnumerable<int?> versions, CancellationToken cancellationToken = default)
    {
        var book = await BookAsync(cancellationToken);
        return versions.Any(v => v is { } n && book.Version(n) is null) ? await ReloadAsync(cancellationToken) : book;
    }

    /// <summary>Every approved version as this process knows them.</summary>
    public ValueTask<CreditPolicyBook> BookAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = known;
        if (snapshot is null)
        {
            return new(FirstReadAsync(cancellationToken));
        }

        if (clock.GetUtcNow() - snapshot.ReadAt > TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            _ = RefreshInBackgroundAsync();
        }

        return new(snapshot.Book);
    }

    /// <summary>Reads the versions again now, e.g. right after an approval in this process.</summary>
    public async Task<CreditPolicyBook> ReloadAsync(CancellationToken cancellationToken = default) =>
        (await StartReading(force: true).WaitAsync(cancellationToken)).Book;

    private async Task<CreditPolicyBook> FirstReadAsync(CancellationToken cancellationToken) =>
        (await StartReading(force: false).WaitAsync(cancellationToken)).Book;

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await StartReading(force: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Decisions go on under the versions known; the next decision past the refresh time tries again.
            logger.LogWarning(e, "Reading the credit policy versions failed; deciding under the {Count} known meanwhile.", known?.Book.Versions.Count);
        }
    }

    private Task<Snapshot> StartReading(bool force)
    {
        lock (gate)
        {
            if (reading is { IsCompleted: false } && !force)
            {
                return reading;
            }

            reading = ReadAsync();
            return reading;
        }
    }

    private async Task<Snapshot> ReadAsync()
    {
        var readAt = clock.GetUtcNow();
        var approved = new List<CreditPolicy>();
        foreach (var record in await store.ListAsync(CancellationToken.None))
        {
            if (record.Status != PolicyStatus.Approved)
            {
                continue;
            }

            try
            {
                approved.Add(CreditPolicy.Parse(CreditPolicy.Whole(record.Json), record.Version, record.EffectiveFrom));
            }
            catch (InvalidConfigurationException e)
            {
                // Checked when drafted, so only a later build with stricter rules gets here: say so loudly, decide under the rest.
                logger.LogError(e, "Approved credit policy version {Version} cannot be read by this build and is left out.", record.Version);
            }
        }

        var snapshot = new Snapshot(new CreditPolicyBook(approved), readAt);
        lock (gate)
        {
            if (known is null || known.ReadAt <= readAt)
            {
                known = snapshot;
            }
        }

        return snapshot;
    }

    private sealed record Snapshot(CreditPolicyBook Book, DateTimeOffset ReadAt);
}
