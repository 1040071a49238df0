namespace CreditFlow.Host.Approvals;

/// <summary>The outcome of <see cref="ApprovalTokenLedger.TryRedeemAsync"/>.</summary>
internal enum TokenRedemption
{
    /// <summary>This call used the token; the decision may be recorded.</summary>
    Redeemed,

    /// <summary>The token was used before (or by a concurrent request); change nothing.</summary>
    AlreadyUsed,
}
