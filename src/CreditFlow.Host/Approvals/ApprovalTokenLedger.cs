using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// Makes approval tokens single-use: one row per used token id in <c>&lt;prefix&gt;ApprovalTokens</c>,
/// inserted only if absent. Table storage lets exactly one insert of a key succeed, so of two
/// concurrent redemptions one wins and the other sees <see cref="TokenRedemption.AlreadyUsed"/>.
/// </summary>
internal sealed class ApprovalTokenLedger(TableServiceClient tables, IOptions<ApprovalOptions> options, TimeProvider time)
{
    private const string RowKey = "used";

    private readonly TableClient _table = tables.GetTableClient(options.Value.LedgerTable);
    private volatile bool _tableExists;

    /// <summary>Records <paramref name="claims"/>' token as used, unless it already was.</summary>
    public async Task<TokenRedemption> TryRedeemAsync(ApprovalClaims claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        await EnsureTableAsync(cancellationToken);
        var row = new TableEntity(claims.TokenId, RowKey)
        {
            ["InstanceId"] = claims.InstanceId,
            ["Step"] = claims.Step,
            ["ApproverEmail"] = claims.ApproverEmail,
            ["ApproverRole"] = claims.ApproverRole,
            ["UsedAt"] = time.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return TokenRedemption.Redeemed;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return TokenRedemption.AlreadyUsed;
        }
    }

    /// <summary>True when the token was used; lets the approval page say so before anyone fills the form.</summary>
    public async Task<bool> IsUsedAsync(string tokenId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(tokenId, RowKey, select: ["PartitionKey"], cancellationToken);
        return existing.HasValue;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
