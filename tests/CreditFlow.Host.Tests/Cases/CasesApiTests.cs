using System.Net;
using System.Text.Json;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Tests.Cases;

/// <summary>The cases API's refusals: each names the field or the rule, and nothing is stored.</summary>
[Collection(CasesCollection.Name)]
public sealed class CasesApiTests(CasesHost host)
{
    [Fact]
    public async Task Open_WithoutCustomerOrReason_Is400NamingBoth_UnknownCustomer404_NothingOwed409()
    {
        using var blank = await host.PostAsync(CreditRole.CreditManager, "/api/cases", new { customerId = "", reason = " " });
        var errors = (await ProblemAsync(blank, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("customerId", out _));
        Assert.True(errors.TryGetProperty("reason", out _));

        using var unknown = await host.PostAsync(CreditRole.CreditManager, "/api/cases", new { customerId = "nobody-we-know", reason = "test" });
        await ProblemAsync(unknown, HttpStatusCode.NotFound);

        var paidUp = await host.CustomerAsync("Jinhua Tools Ltd.");
        using var nothing = await host.PostAsync(CreditRole.CreditManager, "/api/cases", new { customerId = paidUp, reason = "stopped answering" });
        Assert.Contains("no unpaid invoice", (await ProblemAsync(nothing, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await host.Cases.OpenCaseOfAsync(paidUp));
    }

    [Fact]
    public async Task OpenedByHand_TakesEveryOpenInvoice_OnlyLegalAccepts_AnUnknownAgencyIsNamed()
    {
        var customer = await host.CustomerAsync("Lishui Valves Co.");
        var first = await host.OverdueInvoiceAsync(customer, 30_000m, daysOverdue: 40);
        var second = await host.OverdueInvoiceAsync(customer, 20_000m, daysOverdue: 10);

        using var opened = await host.PostAsync(CreditRole.CreditManager, "/api/cases", new { customerId = customer, reason = "the owner has disappeared" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var view = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement;
        var caseId = view.GetProperty("caseId").GetString()!;
        Assert.Equal([first, second], view.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("invoiceId").GetString()));
        Assert.Equal(50_000m, view.GetProperty("claimed").GetProperty("amount").GetDecimal());

        using var again = await host.PostAsync(CreditRole.CreditManager, "/api/cases", new { customerId = customer, reason = "twice" });
        await ProblemAsync(again, HttpStatusCode.Conflict);

        using var byManager = await host.PostAsync(CreditRole.CreditManager, $"/api/cases/{caseId}/acceptance", new { route = "litigation" });
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);

        using var badAgency = await host.PostAsync(CreditRole.Legal, $"/api/cases/{caseId}/acceptance", new { route = "agency", agency = "westgate" });
        var agency = (await ProblemAsync(badAgency, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("agency")[0].GetString();
        Assert.Contains(CasesHost.Agency, agency, StringComparison.Ordinal);

        Assert.Equal(CaseStatus.AwaitingLegal, (await host.Cases.GetAsync(caseId))!.Case.Status);
    }

    [Fact]
    public async Task LegalsTaskToAccept_IsDoneByAcceptingTheCase_NotByCompletingIt()
    {
        var customer = await host.CustomerAsync("Wenling Pumps Ltd.");
        await host.OverdueInvoiceAsync(customer, 25_000m, daysOverdue: 91);
        var opened = await host.OpenedCaseAsync(customer);
        var taskId = $"{opened.CaseId}|accept-1";

        using var completed = await host.PostAsync(CreditRole.Legal, $"/api/tasks/{Uri.EscapeDataString(taskId)}/complete", new { outcome = "done" });

        var problem = await ProblemAsync(completed, HttpStatusCode.Conflict);
        Assert.Contains($"/api/cases/{opened.CaseId}/acceptance", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True((await host.Host.Services.GetRequiredService<CreditFlow.Storage.Tasks.CreditTaskStore>().GetAsync(taskId))!.IsOpen);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
