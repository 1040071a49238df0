using System.Text.Json.Serialization;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;

namespace CreditFlow.Domain.Policies;

/// <summary>How a draft would assess an application against how it was assessed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationChange>))]
public enum ApplicationChange
{
    /// <summary>The same class and limits (the score may differ).</summary>
    Same,

    /// <summary>A better class.</summary>
    BetterClass,

    /// <summary>A worse class.</summary>
    WorseClass,

    /// <summary>The same class, another trial or proposed limit.</summary>
    OtherLimit,

    /// <summary>The draft's scorecard needs figures the application did not have: it would have been asked for them.</summary>
    MoreData,
}

/// <summary>One application assessed again under a draft, beside how it was assessed.</summary>
/// <param name="Then">What was assessed then.</param>
/// <param name="ScoreUnderDraft">The draft's score, none when it needs more figures.</param>
/// <param name="ClassUnderDraft">The draft's class, none when it needs more figures.</param>
/// <param name="TrialLimitUnderDraft">The draft's trial limit.</param>
/// <param name="ProposedLimitUnderDraft">The draft's proposed final limit, none when it needs more figures.</param>
/// <param name="MissingUnderDraft">The figures the draft would ask for.</param>
public sealed record ApplicationImpact(
    ScoredApplication Then,
    decimal? ScoreUnderDraft,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CreditClass>))] CreditClass? ClassUnderDraft,
    Money TrialLimitUnderDraft,
    Money? ProposedLimitUnderDraft,
    IReadOnlyList<string> MissingUnderDraft)
{
    /// <summary>How the draft's assessment differs.</summary>
    public ApplicationChange Change =>
        ClassUnderDraft is not { } underDraft ? ApplicationChange.MoreData
        : underDraft < Then.Class ? ApplicationChange.BetterClass
        : underDraft > Then.Class ? ApplicationChange.WorseClass
        : TrialLimitUnderDraft != Then.TrialLimit || ProposedLimitUnderDraft != Then.ProposedLimit ? ApplicationChange.OtherLimit
        : ApplicationChange.Same;

    /// <summary>Assesses every <paramref name="scored"/> application again under <paramref name="draft"/>, those it changes first, the latest first.</summary>
    public static IReadOnlyList<ApplicationImpact> Replay(IEnumerable<ScoredApplication> scored, CreditPolicy draft)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(draft);
        return scored
            .Select(then => Of(then, ApplicantAssessment.Under(draft, then.Figures, then.Requested, then.AnnualSales)))
            .OrderBy(a => a.Change == ApplicationChange.Same)
            .ThenByDescending(a => a.Then.Day)
            .ThenBy(a => a.Then.ApplicationId, StringComparer.Ordinal)
            .ToArray();
    }

    private static ApplicationImpact Of(ScoredApplication then, ApplicantAssessment underDraft) => new(
        then,
        underDraft.Assignment?.Score,
        underDraft.Assignment?.Class,
        underDraft.Trial.TrialLimit,
        underDraft.ProposedLimit,
        underDraft.Scoring.Missing.Select(m => m.Input).Distinct().ToArray());
}
