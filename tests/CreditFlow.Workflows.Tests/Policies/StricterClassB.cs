using System.Text.Json.Nodes;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Scoring;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Tests.Onboarding;
using CreditFlow.Workflows.Tests.Testing;

namespace CreditFlow.Workflows.Tests.Policies;

/// <summary>
/// An approved credit policy version, in force from today, whose class B needs one point more than the sound figures
/// score (<see cref="Applications.SoundFigures"/>): under it a customer class B under version 1 is class C.
/// </summary>
internal static class StricterClassB
{
    public static async Task<int> ApproveAsync(WorkflowTestHost host)
    {
        var score = ScorecardModel.MultiDimension.Score(Applications.SoundFigures).Score!.Value;
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        var minimums = document["creditClasses"]!["minimumScores"]!;
        minimums["B"] = Math.Floor(score) + 1;
        minimums["A"] = Math.Max(CreditClassBands.Default.MinimumA, Math.Floor(score) + 2);
        var store = host.Get<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), DateOnly.FromDateTime(host.Now.UtcDateTime), "a stricter class B", "test", host.Now);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        return draft.Version;
    }
}
