using System.Globalization;
using System.Text.Json;
using System.Text;
using Azure.Data.Tables;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;

namespace CreditFlow.Storage.Profiles;

/// <summary>
/// The credit table: one partition per customer holding its profile row and its decision rows,
/// so a profile change and its decision are one entity-group transaction.
/// </summary>
internal static class CreditTableRows
{
    public const string ProfileRowKey = "profile";

    /// <summary>Decision rows sort newest first: the row key carries inverted ticks.</summary>
    public const string DecisionPrefix = "decision|";

    /// <summary>A string property holds at most 64 KiB (32K UTF-16 chars); longer snapshots span several.</summary>
    private const int ChunkChars = 30_000;

    /// <summary>Keeps a decision row well below the 1 MiB entity limit.</summary>
    private const int MaxChunks = 15;

    public static TableEntity ToEntity(CustomerCreditProfile p) => new TableEntity(TableKeys.Check(p.CustomerId, nameof(p.CustomerId)), ProfileRowKey)
    {
        ["Class"] = p.Class?.ToString(),
        ["TermDays"] = p.TermDays,
        ["Conditions"] = p.Conditions,
        ["Status"] = p.Status.ToString(),
        ["Score"] = p.Score?.ToString(CultureInfo.InvariantCulture),
        ["ModelId"] = p.ModelId,
        ["ModelVersion"] = p.ModelVersion,
        ["CreditReportBlob"] = p.CreditReportBlob,
        ["GroupBlacklistedBy"] = p.GroupBlacklistedBy?.CustomerId,
        ["GroupBlacklistedByName"] = p.GroupBlacklistedBy?.Name,
        ["GroupBlacklistedController"] = p.GroupBlacklistedBy?.ActualController,
    }.With(e => MoneyColumns.Write(e, "Limit", p.Limit));

    public static CustomerCreditProfile ToProfile(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Class") is { } c ? Enum.Parse<CreditClass>(c) : null,
        MoneyColumns.ReadRequired(e, "Limit"),
        e.GetInt32("TermDays")!.Value,
        e.GetString("Conditions") ?? string.Empty,
        Enum.Parse<CreditProfileStatus>(e.GetString("Status")),
        e.GetString("Score") is { } s ? decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture) : null,
        e.GetString("ModelId"),
        e.GetString("ModelVersion"),
        e.GetString("CreditReportBlob"),

        // Rows written before the group flag existed have none of its columns: not flagged.
        e.GetString("GroupBlacklistedBy") is { } by
            ? new GroupBlacklistFlag(by, e.GetString("GroupBlacklistedByName") ?? by, e.GetString("GroupBlacklistedController") ?? string.Empty)
            : null);

    /// <exception cref="ArgumentException">The snapshot is not JSON or is too large.</exception>
    public static TableEntity ToEntity(CreditDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        TableKeys.Check(d.Id, nameof(d.Id));
        try
        {
            using var _ = JsonDocument.Parse(d.DataSnapshotJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The data snapshot of decision '{d.Id}' is not valid JSON: {e.Message}", nameof(d), e);
        }

        var chunks = d.DataSnapshotJson.Chunk(ChunkChars).Select(c => new string(c)).ToArray();
        if (chunks.Length > MaxChunks)
        {
            throw new ArgumentException(
                $"The data snapshot of decision '{d.Id}' has {d.DataSnapshotJson.Length} characters; at most {ChunkChars * MaxChunks} fit a decision row. Store large data as a blob and reference it.",
                nameof(d));
        }

        var entity = new TableEntity(TableKeys.Check(d.CustomerId, nameof(d.CustomerId)), DecisionRowKey(d.DecidedAt, d.Id))
        {
            ["Id"] = d.Id,
            ["DecidedAt"] = d.DecidedAt,
            ["DecidedBy"] = d.DecidedBy,
            ["What"] = d.What,
            ["Why"] = d.Why,
            ["ModelVersion"] = d.ModelVersion,
            ["ApplicationId"] = d.ApplicationId,
            ["SnapshotChunks"] = chunks.Length,
        };
        for (var i = 0; i < chunks.Length; i++)
        {
            entity["Snapshot" + i.ToString(CultureInfo.InvariantCulture)] = chunks[i];
        }

        return entity;
    }

    public static CreditDecision ToDecision(TableEntity e)
    {
        var snapshot = new StringBuilder();
        for (var i = 0; i < e.GetInt32("SnapshotChunks")!.Value; i++)
        {
            snapshot.Append(e.GetString("Snapshot" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return new CreditDecision(
            e.GetString("Id"),
            e.PartitionKey,
            e.GetDateTimeOffset("DecidedAt")!.Value,
            e.GetString("DecidedBy"),
            e.GetString("What"),
            e.GetString("Why"),
            snapshot.ToString(),
            e.GetString("ModelVersion"),
            e.GetString("ApplicationId"));
    }

    /// <summary>Inverted ticks, zero-padded, so an ascending row-key scan yields the newest first.</summary>
    public static string DecisionRowKey(DateTimeOffset at, string id) =>
        DecisionPrefix + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    private static TableEntity With(this TableEntity entity, Action<TableEntity> more)
    {
        more(entity);
        return entity;
    }
}
