using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CreditFlow.Storage.Policies;

/// <summary>
/// The drafted versions of the credit policy, one row each in one partition of <c>{prefix}Policies</c>: a handful a
/// year, read whole. A new draft takes the next number; two drafting at once both get one (the second retries).
/// </summary>
public sealed class PolicyStore(TableClient table)
{
    private const string Partition = "policy";
    private const int MaxJsonParts = 8;

    internal TableClient Table => table;

    /// <summary>Every drafted version, newest first.</summary>
    public async Task<IReadOnlyList<PolicyVersionRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<PolicyVersionRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", cancellationToken: cancellationToken))
        {
            list.Add(ToRecord(e));
        }

        return list.OrderByDescending(r => r.Version).ToArray();
    }

    /// <summary>One version, null when never drafted.</summary>
    public async Task<PolicyVersionRecord?> GetAsync(int version, CancellationToken cancellationToken = default)
    {
        var read = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(version), cancellationToken: cancellationToken);
        return read.HasValue ? ToRecord(read.Value!) : null;
    }

    /// <summary>Stores a new draft under the next free version number (2 for the first) and returns it.</summary>
    /// <exception cref="ArgumentException">The document is too long to store (over 240,000 characters).</exception>
    public async Task<PolicyVersionRecord> AddDraftAsync(string json, DateOnly effectiveFrom, string note, string draftedBy, DateTimeOffset draftedAt, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var latest = (await ListAsync(cancellationToken)).FirstOrDefault()?.Version ?? 1;
            var draft = new PolicyVersionRecord(latest + 1, PolicyStatus.Draft, effectiveFrom, json, note, draftedBy, draftedAt);
            try
            {
                var response = await table.AddEntityAsync(ToEntity(draft), cancellationToken);
                return draft with { ETag = response.Headers.ETag?.ToString() };
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 5)
            {
                // Someone drafted the same number first: take the next.
            }
        }
    }

    /// <summary>Writes a version back under the ETag it was read with; returns it with its new ETag.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed since it was read.</exception>
    public async Task<PolicyVersionRecord> SaveAsync(PolicyVersionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag ?? "*"), TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyConflictException("policy version", record.Version.ToString(CultureInfo.InvariantCulture), "changed since it was read", e);
        }
    }

    private static string Key(int version) => version.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(PolicyVersionRecord r)
    {
        var entity = new TableEntity(Partition, Key(r.Version))
        {
            ["Version"] = r.Version,
            ["Status"] = r.Status.ToString(),
            ["EffectiveFrom"] = r.EffectiveFrom.ToString("O", CultureInfo.InvariantCulture),
            ["Note"] = r.Note,
            ["DraftedBy"] = r.DraftedBy,
            ["DraftedAt"] = r.DraftedAt,
            ["DecidedBy"] = r.DecidedBy,
            ["DecidedAt"] = r.DecidedAt,
            ["DecisionComment"] = r.DecisionComment,
        };
        if (!LongText.TryWrite(entity, "Json", "JsonParts", r.Json, MaxJsonParts))
        {
            throw new ArgumentException($"A policy document may have at most {LongText.PartChars * MaxJsonParts} characters; this one has {r.Json.Length}.", nameof(r));
        }

        if (r.ImpactJson is { } impact)
        {
            // A simulation too large to keep is not kept (TryWrite writes nothing); it can be run again.
            _ = LongText.TryWrite(entity, "Impact", "ImpactParts", impact, MaxJsonParts);
        }

        return entity;
    }

    private static PolicyVersionRecord ToRecord(TableEntity e) =>
        new(
            e.GetInt32("Version") ?? int.Parse(e.RowKey, CultureInfo.InvariantCulture),
            Enum.Parse<PolicyStatus>(e.GetString("Status")),
            DateOnly.ParseExact(e.GetString("EffectiveFrom"), "O", CultureInfo.InvariantCulture),
            LongText.Read(e, "Json", "JsonParts"),
            e.GetString("Note") ?? "",
            e.GetString("DraftedBy") ?? "",
            e.GetDateTimeOffset("DraftedAt") ?? DateTimeOffset.MinValue)
        {
            DecidedBy = e.GetString("DecidedBy"),
            DecidedAt = e.GetDateTimeOffset("DecidedAt"),
            DecisionComment = e.GetString("DecisionComment"),
            ImpactJson = e.ContainsKey("Impact") ? LongText.Read(e, "Impact", "ImpactParts") : null,
            ETag = e.ETag.ToString(),
        };
}
