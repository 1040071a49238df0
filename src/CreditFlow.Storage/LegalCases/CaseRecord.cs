using CreditFlow.Domain.LegalHandoff;

namespace CreditFlow.Storage.LegalCases;

/// <summary>
/// A legal case as stored: the case itself and how far its workflow has carried out what the case asks (the file built,
/// the customer blacklisted, legal told, the agency sent the case or its recall), so a step repeated after a crash is
/// not done twice.
/// </summary>
/// <param name="Case">The case.</param>
/// <param name="Progress">What the workflow has done for it.</param>
/// <param name="ETag">The row's version; null before it is stored.</param>
public sealed record CaseRecord(LegalCase Case, CaseProgress Progress, string? ETag = null)
{
    /// <summary>The case's id.</summary>
    public string CaseId => Case.CaseId;
}

/// <summary>What a case's workflow has done.</summary>
/// <param name="CaseFiles">The case file archives built, oldest first (a joining invoice makes a new one); blob names.</param>
/// <param name="Blacklisted">The customer was blacklisted and its group flagged.</param>
/// <param name="LegalAsked">Legal was given the task to accept the case (counts the times: after a recall or a return, again).</param>
/// <param name="PlacedWith">The agency the placement was sent to, until it is told of a recall (or has returned the case).</param>
/// <param name="SilenceTaskAt">When legal was last asked to look at a case nobody heard of.</param>
/// <param name="FailedSends">Consecutive failures to reach the agency; the next try waits longer.</param>
public sealed record CaseProgress(
    IReadOnlyList<string> CaseFiles,
    bool Blacklisted,
    int LegalAsked,
    string? PlacedWith,
    DateTimeOffset? SilenceTaskAt,
    int FailedSends = 0)
{
    /// <summary>Nothing done yet.</summary>
    public static CaseProgress None { get; } = new([], false, 0, null, null);
}
