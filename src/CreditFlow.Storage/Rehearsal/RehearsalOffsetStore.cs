using Azure.Data.Tables;

namespace CreditFlow.Storage.Rehearsal;

/// <summary>
/// How far a rehearsal has moved CreditFlow's clock ahead of the real one, kept in storage so a restarted
/// host goes on at the rehearsed date: its timers were set for that date.
/// </summary>
public sealed class RehearsalOffsetStore(TableClient table)
{
    private const string Partition = "clock";
    private const string Row = "offset";

    /// <summary>The store on <c>{prefix}Rehearsal</c> of the storage account.</summary>
    public static RehearsalOffsetStore Create(string connectionString, string prefix) =>
        new(new TableServiceClient(connectionString).GetTableClient(prefix + "Rehearsal"));

    /// <summary>The stored offset, zero when none; blocking, for the one read at start-up before the clock is used.</summary>
    public TimeSpan Read()
    {
        table.CreateIfNotExists();
        var row = table.GetEntityIfExists<TableEntity>(Partition, Row);
        return row.HasValue && row.Value!.GetInt64("OffsetTicks") is { } ticks ? TimeSpan.FromTicks(ticks) : TimeSpan.Zero;
    }

    /// <summary>Stores the offset.</summary>
    public async Task SaveAsync(TimeSpan offset, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(new TableEntity(Partition, Row) { ["OffsetTicks"] = offset.Ticks }, TableUpdateMode.Replace, cancellationToken);
}
