using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reports;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Customers;

public sealed class CustomersApiTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string CustomerId = "cust-91440300-ab12";
    private static readonly DateTimeOffset Day = new(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Get_UnknownCustomer_404ProblemDetails()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.As(CreditRole.SalesRep).GetAsync("/api/customers/cust-nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_CustomerWithProfileDecisionsAndReport_ShowsPolicyExplanationHistoryAndReport()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        await SeedAsync(api.Services);

        var customer = (await api.As(CreditRole.Finance).GetFromJsonAsync<JsonObject>($"/api/customers/{CustomerId}"))!;

        Assert.Equal("Shenzhen Harbour Logistics Ltd.", customer["name"]!.GetValue<string>());
        var profile = customer["creditProfile"]!;
        Assert.Equal("B", profile["class"]!.GetValue<string>());
        Assert.Equal(800_000m, profile["limit"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("CNY", profile["limit"]!["currency"]!.GetValue<string>());
        Assert.Equal(45, profile["termDays"]!.GetValue<int>());
        Assert.Equal("Trial", profile["status"]!.GetValue<string>());
        Assert.Equal(71.25m, profile["score"]!.GetValue<decimal>());
        Assert.Equal("multi-dimension", profile["modelId"]!.GetValue<string>());

        // The explanation is the latest scored decision's snapshot, as logged, not the newer report decision.
        var explanation = customer["scoreExplanation"]!;
        Assert.Equal(71.25m, explanation["score"]!.GetValue<decimal>());
        Assert.Equal("currentRatio", explanation["factors"]![0]!["input"]!.GetValue<string>());

        var decisions = customer["decisions"]!.AsArray();
        Assert.Equal(["report stored", "trial granted", "applicant recorded"], decisions.Select(d => d!["what"]!.GetValue<string>()));
        Assert.Equal("Li Manager", decisions[1]!["decidedBy"]!.GetValue<string>());
        Assert.Equal("multi-dimension 1", decisions[1]!["modelVersion"]!.GetValue<string>());

        Assert.Equal($"/api/customers/{CustomerId}/report", customer["reportUrl"]!.GetValue<string>());
        var report = await api.As(CreditRole.Finance).GetAsync(customer["reportUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<h1>Credit report: Shenzhen Harbour Logistics Ltd.</h1>", await report.Content.ReadAsStringAsync());
        Assert.StartsWith("default-src 'none'", report.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CustomerWithoutProfile_NoProfileNoReport()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        await api.Services.GetRequiredService<CustomerRepository>().CreateAsync(new Customer(CustomerId, "Shenzhen Harbour Logistics Ltd.", "91440300-AB12", null, null, Day));

        var customer = (await api.As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/customers/{CustomerId}"))!;
        var report = await api.As(CreditRole.SalesRep).GetAsync($"/api/customers/{CustomerId}/report");

        Assert.Null(customer["creditProfile"]);
        Assert.Null(customer["scoreExplanation"]);
        Assert.Null(customer["reportUrl"]);
        Assert.Empty(customer["decisions"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
    }

    private static async Task SeedAsync(IServiceProvider services)
    {
        await services.GetRequiredService<CustomerRepository>().CreateAsync(
            new Customer(CustomerId, "Shenzhen Harbour Logistics Ltd.", "91440300-AB12", "Huang Gang", "logistics", Day));
        var profiles = services.GetRequiredService<CreditProfileRepository>();
        var applicant = new CustomerCreditProfile(CustomerId, null, Money.Of(0m, "CNY"), 0, "", CreditProfileStatus.Applicant, null, null, null, null);
        var stored = await profiles.CreateAsync(
            applicant,
            new CreditDecision("d1", CustomerId, Day, "Wang Li (sales)", "applicant recorded", "application filed", """{"applicationId":"app-1"}""", null, "app-1"));
        var trial = applicant with
        {
            Class = CreditClass.B, Limit = Money.Of(800_000m, "CNY"), TermDays = 45, Status = CreditProfileStatus.Trial,
            Score = 71.25m, ModelId = "multi-dimension", ModelVersion = "1",
        };
        stored = await profiles.UpdateAsync(
            trial,
            stored.ETag,
            new CreditDecision(
                "d2", CustomerId, Day.AddHours(1), "Li Manager", "trial granted", "class B, within the manager's authority",
                """{"score":71.25,"factors":[{"input":"currentRatio","value":1.8,"points":80}]}""", "multi-dimension 1", "app-1"));
        var blob = await services.GetRequiredService<CreditReportStore>().SaveAsync(CustomerId, "<h1>Credit report: Shenzhen Harbour Logistics Ltd.</h1>");
        await profiles.UpdateAsync(
            trial with { CreditReportBlob = blob },
            stored.ETag,
            new CreditDecision("d3", CustomerId, Day.AddHours(2), "system", "report stored", "credit report written", """{"report":"x"}""", null, "app-1"));
    }
}
