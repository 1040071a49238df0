using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Policies;
using CreditFlow.Testing;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Host.Tests.Applications;

public sealed class ApplicationEventsTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SupplyData_ApplicationNotWaitingForData_409()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync($"/api/applications/{id}/data", new { financialFigures = new { currentRatio = 1.5m } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("WaitingForData", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupplyData_UnknownFigure_400NamesIt()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync($"/api/applications/{id}/data", new { financialFigures = new { quickRatio = 1.5m } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
        Assert.Equal("financialFigures.quickRatio", Assert.Single(problem.Errors).Key);
    }

    [Fact]
    public async Task FileApplication_AFigureOnlyAnApprovedVersionsScorecardAsksFor_IsTakenOnceThatVersionIsInForce()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        body["financialFigures"]!["auditOpinion"] = 5m;

        var underVersion1 = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", body);
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["scorecard"]!["inputs"]!.AsArray().Add(new JsonObject { ["name"] = "auditOpinion", ["unit"] = "grade 1-5" });
        document["scorecard"]!["dimensions"]![0]!["weight"] = 30;
        document["scorecard"]!["dimensions"]!.AsArray().Add(JsonNode.Parse("""
            { "name": "audit", "weight": 10, "factors": [ { "name": "audit opinion", "input": "auditOpinion", "weight": 100, "missingData": "neutral",
              "neutralPoints": 50, "bands": [ { "to": 4, "points": 0 }, { "from": 4, "points": 100 } ] } ] }
            """));
        var store = api.Services.GetRequiredService<PolicyStore>();
        var draft = await store.AddDraftAsync(document.ToJsonString(), DateOnly.FromDateTime(DateTime.UtcNow), "audited accounts", "test", DateTimeOffset.UtcNow);
        await store.SaveAsync(draft with { Status = PolicyStatus.Approved });
        await api.Services.GetRequiredService<CreditPolicies>().ReloadAsync();
        var underVersion2 = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", body);

        Assert.Equal(HttpStatusCode.BadRequest, underVersion1.StatusCode);
        var problem = (await underVersion1.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
        Assert.Contains("not an input of scorecard model multi-dimension 1", Assert.Single(problem.Errors, e => e.Key == "financialFigures.auditOpinion").Value[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, underVersion2.StatusCode);
    }

    [Fact]
    public async Task SupplyData_WhileOnboardingWaitsForIt_202AndOnboardingTakesTheFigures()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        var figures = body["financialFigures"]!.AsObject();
        figures.Remove("currentRatio");
        var id = await api.FileAsync(body);
        // The stored status may run ahead of the workflow's progress (which lists what is missing) for a moment.
        var waiting = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "WaitingForData" && a["missingData"] is JsonArray);
        Assert.Contains(waiting["missingData"]!.AsArray(), m => m!.GetValue<string>().StartsWith("currentRatio", StringComparison.Ordinal));

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync($"/api/applications/{id}/data", new { financialFigures = new { currentRatio = 1.8m } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/applications/{id}", response.Headers.Location?.OriginalString);
        var resumed = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() != "WaitingForData");
        Assert.Equal(1.8m, resumed["financialFigures"]!["currentRatio"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Reconsideration_AfterAClassDRefusal_202AndHeardOneTierUp()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        body["financialFigures"] = new JsonObject
        {
            ["currentRatio"] = 0.3m, ["debtToAssetRatio"] = 95m, ["grossMargin"] = 1m, ["netMargin"] = -20m, ["receivableTurnover"] = 1m,
            ["cashFlowQuality"] = 0.1m, ["marketShare"] = 0.1m, ["yearsOfCooperation"] = 0m, ["managementStability"] = 1m, ["coreTechnology"] = 1m,
        };
        var id = await api.FileAsync(body);
        var refused = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "Rejected" && a["reconsiderationUntil"] is not null);
        Assert.True(refused["reconsiderationUntil"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync($"/api/applications/{id}/reconsideration", new { reason = "The parent company guarantees the limit." });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var heard = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "WaitingForApproval");
        Assert.Contains("reconsideration", heard["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconsideration_ApplicationNotRejected_409()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync($"/api/applications/{id}/reconsideration", new { reason = "New guarantee from the parent company." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("only after a refusal", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconsideration_CreditOfficerKey_403NamingTheRolesAllowed()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.As(CreditRole.CreditOfficer).PostAsJsonAsync("/api/applications/app-000000000000/reconsideration", new { reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "This action needs the role SalesRep, CreditManager or Admin; the API key 'Chen Jing (credit officer)' has the role CreditOfficer.",
            (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Events_UnknownApplication_404()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var data = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications/app-000000000000/data", new { financialFigures = new { currentRatio = 1.5m } });
        var reconsideration = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications/app-000000000000/reconsideration", new { reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, data.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reconsideration.StatusCode);
    }
}
