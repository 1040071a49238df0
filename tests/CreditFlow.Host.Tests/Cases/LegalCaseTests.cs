using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CreditFlow.AgencyStandIn;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Tasks;

namespace CreditFlow.Host.Tests.Cases;

/// <summary>
/// Legal handoff end to end on the engine, real Azurite and the agency stand-in over HTTP: an invoice at red opens the
/// case, which blacklists the customer and its group, files the case and asks legal; legal places it with the agency,
/// whose signed reports are booked; settlements and write-offs go to the tier whose authority covers them.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class LegalCaseTests(CasesHost host)
{
    [Fact]
    public async Task RedInvoice_OpensTheCase_PlacedWithTheAgency_PartlyRecovered_SettledAndTheRestWrittenOff()
    {
        var customer = await host.CustomerAsync("Wenzhou Harbour Plastics Co.", controller: "Zhou Jian");
        var sister = await host.CustomerAsync("Wenzhou Harbour Trading Co.", controller: "Zhou Jian");
        var invoice = await host.OverdueInvoiceAsync(customer, 300_000m, daysOverdue: 95);

        // Red at 90 days: dunning hands the invoice to legal.
        var opened = await host.OpenedCaseAsync(customer);
        Assert.Equal([invoice], opened.Case.Invoices.Select(i => i.InvoiceId));
        Assert.Equal(300_000m, opened.Case.Claimed.Amount);
        Assert.Equal(CaseStatus.AwaitingLegal, opened.Case.Status);

        // The case file holds the reminders and notices dunning actually sent, with their dates.
        var dunning = await host.Host.Services.GetRequiredService<DunningStore>().GetAsync(customer, invoice);
        var summary = await CaseSummaryAsync(opened.CaseId);
        var mailed = dunning!.Steps.Where(s => s.Done.Any(d => d.StartsWith("mail", StringComparison.Ordinal) && d.Contains("sent to", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(mailed);
        foreach (var step in mailed)
        {
            Assert.Contains(step.TakenAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), summary, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(string.Join("; ", step.Done)), summary, StringComparison.Ordinal);
        }

        // Blacklisted, the group flagged: the next orders of both companies are held.
        Assert.Equal(CreditProfileStatus.Blacklisted, (await host.Store.Profiles.GetAsync(customer))!.Value.Status);
        Assert.Contains("blacklisted", await HoldReasonsAsync(customer));
        Assert.Equal(["groupMemberBlacklisted"], await HoldReasonsAsync(sister));

        // Legal was asked: a task and a mail.
        var tasks = host.Host.Services.GetRequiredService<CreditTaskStore>();
        Assert.Contains(await tasks.ListAsync(role: CreditRole.Legal, customerId: customer), t => t.Id == $"{opened.CaseId}|accept-1");

        // Legal places the case with the agency: the stand-in receives it signed, with the amount and the case file's address.
        using (var accepted = await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "agency", agency = CasesHost.Agency, comment = "amount warrants an agency" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var placement = await CasesHost.EventuallyAsync(() => Task.FromResult(host.AgencyStandIn.Placement(opened.CaseId)), "the placement at the agency");
        Assert.Equal((300_000m, "CNY"), (placement.Claimed!.Amount, placement.Claimed.Currency));
        Assert.Equal([invoice], placement.Invoices.Select(i => i.InvoiceId));
        Assert.DoesNotContain(await tasks.ListAsync(role: CreditRole.Legal, customerId: customer), t => t.Id.StartsWith($"{opened.CaseId}|accept-", StringComparison.Ordinal));

        // A partial recovery is booked as a payment on the invoice, with the agency's commission.
        var recovery = await host.AgencyStandIn.ReportRecoveryAsync(opened.CaseId, 100_000m);
        Assert.Equal(200, recovery.StatusCode);
        await host.CaseWhenAsync(opened.CaseId, c => c.Case.Reports.Any(r => r.Booked), "with the recovery booked");
        Assert.Equal(200_000m, await OpenOnLedgerAsync(customer, invoice));
        var view = await host.CaseAsync(opened.CaseId);
        Assert.Equal((100_000m, 15_000m, 200_000m), (Amount(view, "recovered"), Amount(view, "commission"), Amount(view, "owed")));

        // The customer offers 50,000 more in full settlement: 150,000 would be written off, within a credit officer's authority.
        Assert.Equal(200, (await host.AgencyStandIn.ReportSettlementOfferAsync(opened.CaseId, 50_000m)).StatusCode);
        var asked = await host.CaseWhenAsync(opened.CaseId, c => c.Case.Approval is { Asked: true }, "asking for the settlement's approval");
        Assert.Equal((150_000m, CreditRole.CreditOfficer), (asked.Case.Approval!.WriteOff!.Value.Amount, asked.Case.Approval.Approver));
        await DecideWhenOpenAsync(opened.CaseId, CreditRole.CreditOfficer, "approve");
        await host.CaseWhenAsync(opened.CaseId, c => c.Case.Settlement is not null, "with the settlement agreed");

        // The agreed 50,000 comes in: the case is settled and the remaining 150,000 written off as bad debt.
        Assert.Equal(200, (await host.AgencyStandIn.ReportRecoveryAsync(opened.CaseId, 50_000m)).StatusCode);
        var settled = await host.CaseWhenAsync(opened.CaseId, c => c.Case.IsClosed, "closed");
        Assert.Equal((CaseStatus.Settled, 150_000m), (settled.Case.Status, settled.Case.WrittenOff!.Value.Amount));
        Assert.Equal(0m, await OpenOnLedgerAsync(customer, invoice));
        var outcome = await CasesHost.EventuallyAsync(
            async () => (await host.Store.Decisions.ListForCustomerAsync(customer)).FirstOrDefault(d => d.Id == $"case-{opened.CaseId}-outcome"), "the case's outcome in the decision log");
        Assert.Contains("150,000.00 CNY written off as bad debt", outcome.What, StringComparison.Ordinal);
        Assert.Contains("\"BadDebt\":\"150,000.00 CNY\"", outcome.DataSnapshotJson, StringComparison.Ordinal);
        Assert.Null(await host.Cases.OpenCaseOfAsync(customer));
    }

    [Fact]
    public async Task WriteOff_DecidedByATierWithoutAuthority_IsRefused_TheCommitteeWritesItOff()
    {
        var customer = await host.CustomerAsync("Ningbo Eastern Steel Ltd.");
        var invoice = await host.OverdueInvoiceAsync(customer, 6_000_000m, daysOverdue: 100);
        var opened = await host.OpenedCaseAsync(customer);
        using (var accepted = await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "litigation" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var proposed = await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/write-off", new { reason = "the court found no assets to seize" }))
        {
            Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        }

        var asked = await host.CaseWhenAsync(opened.CaseId, c => c.Case.Approval is { Asked: true }, "asking for the write-off's approval");
        Assert.Equal(CreditRole.CreditCommittee, asked.Case.Approval!.Approver);
        await CasesHost.EventuallyAsync(async () => await host.Host.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>()
            .GetInstanceAsync(Workflows.LegalHandoff.CaseIds.Approval(opened.CaseId, asked.Case.Approval.Number)), "the approval's workflow");

        // 6,000,000 is above the credit manager's 5,000,000: refused, nothing decided.
        using (var refused = await host.PostAsync(CreditRole.CreditManager, $"/api/cases/{opened.CaseId}/decision", new { outcome = "approve", comment = "write it off" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("credit committee", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(CaseStatus.InProgress, (await host.Cases.GetAsync(opened.CaseId))!.Case.Status);
        Assert.Equal(6_000_000m, await OpenOnLedgerAsync(customer, invoice));

        await DecideWhenOpenAsync(opened.CaseId, CreditRole.CreditCommittee, "approve");
        var closed = await host.CaseWhenAsync(opened.CaseId, c => c.Case.IsClosed, "closed");
        Assert.Equal((CaseStatus.WrittenOff, 6_000_000m), (closed.Case.Status, closed.Case.WrittenOff!.Value.Amount));
        Assert.Equal(0m, await OpenOnLedgerAsync(customer, invoice));
        Assert.Contains(closed.Case.Timeline, e => e.What.StartsWith("written off", StringComparison.Ordinal) && e.By.Contains("credit committee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recall_TellsTheAgency_AndLegalChoosesAgain_ReportsOfTheOldAgencyAreRefused()
    {
        var customer = await host.CustomerAsync("Shaoxing Silk Mills");
        await host.OverdueInvoiceAsync(customer, 80_000m, daysOverdue: 92);
        var opened = await host.OpenedCaseAsync(customer);
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "agency", agency = CasesHost.Agency }))
        {
        }

        await CasesHost.EventuallyAsync(() => Task.FromResult(host.AgencyStandIn.Placement(opened.CaseId)), "the placement at the agency");
        using (var recalled = await host.PostAsync(CreditRole.CreditManager, $"/api/cases/{opened.CaseId}/recall", new { reason = "the customer came to us directly" }))
        {
            Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        }

        await CasesHost.EventuallyAsync(
            () => Task.FromResult(host.AgencyStandIn.Cases.FirstOrDefault(c => c.CaseId == opened.CaseId && c.Kind == CaseMessageKind.Recall)), "the recall at the agency");
        var back = await host.CaseWhenAsync(opened.CaseId, c => c.Progress.LegalAsked == 2, "asking legal again");
        Assert.Equal((CaseStatus.AwaitingLegal, (CaseRoute?)null), (back.Case.Status, back.Case.Route));

        var late = await host.AgencyStandIn.ReportRecoveryAsync(opened.CaseId, 10_000m);
        Assert.Equal(409, late.StatusCode);
        Assert.Empty((await host.Cases.GetAsync(opened.CaseId))!.Case.Reports);
    }

    [Fact]
    public async Task RecalledWhileTheAgencyIsStillAnsweringThePlacement_TheAgencyHearsOfTheRecall()
    {
        var customer = await host.CustomerAsync("Lishui Valve Works");
        await host.OverdueInvoiceAsync(customer, 60_000m, daysOverdue: 92);
        var opened = await host.OpenedCaseAsync(customer);
        var release = host.AgencyStandIn.HoldNextAnswer();
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "agency", agency = CasesHost.Agency }))
        {
        }

        // The agency has the case but has not answered yet; the credit manager recalls it in that moment.
        await CasesHost.EventuallyAsync(() => Task.FromResult(host.AgencyStandIn.Placement(opened.CaseId)), "the placement at the agency");
        using (var recalled = await host.PostAsync(CreditRole.CreditManager, $"/api/cases/{opened.CaseId}/recall", new { reason = "the customer came to us directly" }))
        {
            Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        }

        release();
        await CasesHost.EventuallyAsync(
            () => Task.FromResult(host.AgencyStandIn.Cases.FirstOrDefault(c => c.CaseId == opened.CaseId && c.Kind == CaseMessageKind.Recall)), "the recall at the agency");
        var back = await host.CaseWhenAsync(opened.CaseId, c => c.Progress.PlacedWith is null && c.Progress.LegalAsked == 2, "asking legal again, with no agency holding it");
        Assert.Equal((CaseStatus.AwaitingLegal, (CaseRoute?)null), (back.Case.Status, back.Case.Route));
        Assert.Contains(back.Case.Timeline, e => e.What.StartsWith($"case sent to agency {CasesHost.Agency}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgencyReports_Duplicate_IsAnsweredOnce_ReusedIdAndForgeriesAreRefused_NothingStored()
    {
        var customer = await host.CustomerAsync("Jiaxing Paper Co.");
        var invoice = await host.OverdueInvoiceAsync(customer, 50_000m, daysOverdue: 91);
        var opened = await host.OpenedCaseAsync(customer);
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "agency", agency = CasesHost.Agency }))
        {
        }

        await CasesHost.EventuallyAsync(() => Task.FromResult(host.AgencyStandIn.Placement(opened.CaseId)), "the placement at the agency");
        var first = await host.AgencyStandIn.ReportRecoveryAsync(opened.CaseId, 20_000m);
        var again = await host.AgencyStandIn.ReportAsync(first.Event);
        var reused = await host.AgencyStandIn.ReportAsync(first.Event with { Amount = new AgencyMoney(25_000m, "CNY") });

        Assert.Equal((200, 200, 409), (first.StatusCode, again.StatusCode, reused.StatusCode));
        var booked = await host.CaseWhenAsync(opened.CaseId, c => c.Case.Reports.Any(r => r.Booked), "with the recovery booked");
        Assert.Single(booked.Case.Reports);
        Assert.Equal(30_000m, await OpenOnLedgerAsync(customer, invoice));

        await using var forger = await StandInAgency.StartAsync(
            new StandInAgencyOptions { AgencyName = CasesHost.Agency, SigningKey = "not-the-agency-key-0123456789abcdefgh", ListenUrl = new Uri("http://127.0.0.1:0/agency/cases"), CreditFlowUrl = host.Host.Client.BaseAddress },
            host.Clock);
        var forged = await forger.ReportAsync(first.Event with { EventId = "forged-1" });
        Assert.Equal(401, forged.StatusCode);
        Assert.Single((await host.Cases.GetAsync(opened.CaseId))!.Case.Reports);
    }

    [Fact]
    public async Task ACaseNobodyHearsOfForTwoWeeks_GivesLegalATaskToCheckIt()
    {
        var customer = await host.CustomerAsync("Huzhou Bamboo Works");
        await host.OverdueInvoiceAsync(customer, 40_000m, daysOverdue: 93);
        var opened = await host.OpenedCaseAsync(customer);
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/acceptance", new { route = "litigation", comment = "file the claim" }))
        {
        }

        var accepted = await host.CaseWhenAsync(opened.CaseId, c => c.Case.Status == CaseStatus.InProgress, "accepted");
        var tasks = host.Host.Services.GetRequiredService<CreditTaskStore>();
        Assert.DoesNotContain(await tasks.ListAsync(role: CreditRole.Legal, customerId: customer), t => t.Id.StartsWith($"{opened.CaseId}|silence-", StringComparison.Ordinal));

        // LegalCases__SilenceBeforeTask is 14 days by default: a day later than that, legal is asked to look.
        host.Clock.Advance(TimeSpan.FromDays(15));

        var task = await CasesHost.EventuallyAsync(
            async () => (await tasks.ListAsync(role: CreditRole.Legal, customerId: customer)).FirstOrDefault(t => t.Id.StartsWith($"{opened.CaseId}|silence-", StringComparison.Ordinal)),
            "legal's task to check the silent case");
        Assert.Contains($"since {accepted.Case.LastHeardAt:yyyy-MM-dd}", task.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_WhileAWriteOffWaitsForApproval_TheApprovalEnds_NothingIsWrittenOff()
    {
        var customer = await host.CustomerAsync("Quzhou Chemical Trading");
        var invoice = await host.OverdueInvoiceAsync(customer, 70_000m, daysOverdue: 94);
        var opened = await host.OpenedCaseAsync(customer);
        using (await host.PostAsync(CreditRole.Legal, $"/api/cases/{opened.CaseId}/write-off", new { reason = "not worth a lawsuit" }))
        {
        }

        var asked = await host.CaseWhenAsync(opened.CaseId, c => c.Case.Approval is { Asked: true }, "asking for the write-off's approval");
        var approval = Workflows.LegalHandoff.CaseIds.Approval(opened.CaseId, asked.Case.Approval!.Number);
        var durable = host.Host.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        await CasesHost.EventuallyAsync(() => durable.GetInstanceAsync(approval), "the approval's workflow");

        using (var withdrawn = await host.PostAsync(CreditRole.CreditManager, $"/api/cases/{opened.CaseId}/withdrawal", new { reason = "the customer paid through its bank guarantee" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        var ended = await CasesHost.EventuallyAsync(async () => await durable.GetInstanceAsync(approval) is { IsCompleted: true } done ? done : null, "the approval ended");
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);
        var closed = (await host.Cases.GetAsync(opened.CaseId))!.Case;
        Assert.Equal((CaseStatus.Withdrawn, 0m), (closed.Status, closed.WrittenOff!.Value.Amount));
        Assert.Equal(70_000m, await OpenOnLedgerAsync(customer, invoice));
    }

    private async Task DecideWhenOpenAsync(string caseId, CreditRole role, string outcome)
    {
        // The workflow starts the approval just after asking for it: until then a decision is answered 409 "try again".
        await CasesHost.EventuallyAsync(
            async () =>
            {
                using var response = await host.PostAsync(role, $"/api/cases/{caseId}/decision", new { outcome, comment = "decided in the test" });
                return response.StatusCode == HttpStatusCode.Accepted ? "decided" : null;
            },
            $"a decision on case {caseId}");
    }

    private async Task<string[]> HoldReasonsAsync(string customerId)
    {
        using var response = await host.PostErpAsync("orders", new
        {
            orderId = Testing.UniqueName.For("o"),
            customerId,
            amount = new { amount = 1_000m, currency = "CNY" },
            orderDate = host.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!).ToArray();
    }

    private async Task<decimal> OpenOnLedgerAsync(string customerId, string invoiceId) =>
        (await host.Host.Services.GetRequiredService<CustomerLedgerStore>().ReadAsync(customerId, [(ErpDocumentKind.Invoice, invoiceId)]))
            .Find<InvoiceRecord>(ErpDocumentKind.Invoice, invoiceId)!.Invoice!.Open.Amount;

    private async Task<string> CaseSummaryAsync(string caseId)
    {
        using var response = await host.As(CreditRole.Legal).GetAsync(new Uri($"/api/cases/{caseId}/file", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(Workflows.LegalHandoff.CaseFiles.SummaryName)!.Open());
        return await reader.ReadToEndAsync();
    }

    private static decimal Amount(JsonElement view, string name) => view.GetProperty(name).GetProperty("amount").GetDecimal();
}
