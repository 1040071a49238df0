using System.Net;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Policies;
using CreditFlow.Workflows.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Host.Tests.Cases;

/// <summary>
/// A write-off's approval records the credit policy version whose authority matrix chose its approver, and the answer
/// is judged by that matrix: a version the committee approves meanwhile does not change who may decide it. A host of its
/// own, as approving a version changes the policy in force for everything on the host.
/// </summary>
public sealed class CaseAuthorityVersionTests(CasesHost host) : IClassFixture<CasesHost>
{
    [Fact]
    public async Task WriteOffAskedUnderVersion1_IsStillTheCommitteesOnce_Version2GivesTheManagerMoreAuthority()
    {
        var customer = await host.CustomerAsync("Wenzhou Harbour Pumps Ltd.");
        await host.OverdueInvoiceAsync(customer, 6_000_000m, daysOverdue: 100);
        var opened = await host.OpenedCaseAsync(customer);
        using (var accepted = await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "litigation" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var proposed = await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/write-off", new { reason = "nothing left to seize" }))
        {
            Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        }

        var asked = await host.CaseWhenAsync(opened.CaseId, c => c.Case.Approval is { Asked: true }, "asking for the write-off's approval");
        Assert.Equal((CreditRole.CreditCommittee, 1), (asked.Case.Approval!.Approver, asked.Case.Approval.PolicyVersion));
        Assert.Contains(asked.Case.Timeline, e => e.What.Contains("credit committee (authority of credit policy version 1)", StringComparison.Ordinal));

        // The committee raises the credit manager's authority to 7,000,000: version 2, in force from today.
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["authorityMatrix"]!["tiers"]![1]!["upTo"] = 7_000_000;
        var store = host.Host.Services.GetRequiredService<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), host.Today, "managers write off more", "test", host.Clock.GetUtcNow());
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        var policies = host.Host.Services.GetRequiredService<CreditPolicies>();
        await policies.ReloadAsync();
        Assert.Equal(2, (await policies.InForceAsync()).Version);

        // Asked under version 1, where 6,000,000 is above the credit manager: still refused, nothing decided.
        using var refused = await host.PostAsync(CreditRole.CreditManager, $"/api/cases/{opened.CaseId}/decision", new { outcome = "approve", comment = "write it off" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("credit committee", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await host.Cases.GetAsync(opened.CaseId))!.Case.WrittenOff);
    }
}
