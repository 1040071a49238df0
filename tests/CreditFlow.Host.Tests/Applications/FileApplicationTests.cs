using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditFlow.Host.Tests.Applications;

public sealed class FileApplicationTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string ExpectedCustomerId = "cust-91310000-ma1k-4x";

    [Fact]
    public async Task Post_SeveralBadFields_400NamesEachFieldAndStoresNothing()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        body["customer"]!["name"] = "   ";
        body["customer"]!["contactEmail"] = "finance at bright";
        body["requestedLimit"] = CreditApiHost.Money(600_000m, "USD");
        body["requestedTermDays"] = 0;
        body["expectedAnnualPurchases"] = CreditApiHost.Money(-1m);
        body["financialFigures"]!["currentRatoi"] = 1.2m;
        body["impressionReport"] = new string('x', 32_001);
        body["salesRepEmail"] = null;

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal(
            new[]
            {
                "customer.contactEmail", "customer.name", "expectedAnnualPurchases.amount", "financialFigures.currentRatoi",
                "impressionReport", "requestedLimit.currency", "requestedTermDays", "salesRepEmail",
            },
            problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("must be CNY", problem.Errors["requestedLimit.currency"][0], StringComparison.Ordinal);
        Assert.Contains("not an input of scorecard model", problem.Errors["financialFigures.currentRatoi"][0], StringComparison.Ordinal);

        Assert.Empty(await api.Services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync().ToListAsync());
        Assert.Empty(await api.Services.GetRequiredService<ApplicationRepository>().ListForCustomerAsync(ExpectedCustomerId));
        Assert.Null(await api.Services.GetRequiredService<CustomerRepository>().GetAsync(ExpectedCustomerId));
    }

    [Fact]
    public async Task Post_MalformedJson_400NamesThePosition()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        using var content = new StringContent("{\n  \"customer\": {\n    \"name\": \"Acme\",,\n", Encoding.UTF8, "application/json");

        var response = await api.As(CreditRole.SalesRep).PostAsync("/api/applications", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        var (field, messages) = Assert.Single(problem.Errors);
        Assert.Equal("customer", field);
        Assert.Contains("line 3", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WrongTypeAndUnknownField_400NamesTheField()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var wrongType = CreditApiHost.ValidApplication();
        wrongType["requestedTermDays"] = "sixty";
        var misspelt = CreditApiHost.ValidApplication();
        misspelt["belowStandardReasn"] = "typo";

        var wrongTypeProblem = await (await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", wrongType)).Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        var misspeltProblem = await (await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", misspelt)).Content.ReadFromJsonAsync<HttpValidationProblemDetails>();

        Assert.Equal("requestedTermDays", Assert.Single(wrongTypeProblem!.Errors).Key);
        Assert.Equal("belowStandardReasn", Assert.Single(misspeltProblem!.Errors).Key);
    }

    [Fact]
    public async Task Post_WrongTypesBesideOtherBadFields_400SaysTheTypeAndStillNamesEveryOtherField()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        body["requestedTermDays"] = "abc";
        body["customer"]!["annualSales"]!["amount"] = "lots";
        body["integrityIssues"] = new JsonArray("late filings", 7);
        body["customer"]!["contactEmail"] = "finance at bright";
        body["impressionReport"] = "  ";

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal(
            ["customer.annualSales.amount", "customer.contactEmail", "impressionReport", "integrityIssues[1]", "requestedTermDays"],
            problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("must be an integer (a whole number such as 60), not the string \"abc\".", Assert.Single(problem.Errors["requestedTermDays"]));
        Assert.Equal("must be a number such as 1.5, not the string \"lots\".", Assert.Single(problem.Errors["customer.annualSales.amount"]));
        Assert.Equal("must be a string, not the number 7.", Assert.Single(problem.Errors["integrityIssues[1]"]));
    }

    [Fact]
    public async Task Post_NumberSentAsString_400LikeTheDocumentSays()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        body["requestedTermDays"] = "60";

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal("must be an integer (a whole number such as 60), not the string \"60\".", Assert.Single(Assert.Single(problem.Errors).Value));
    }

    [Fact]
    public async Task Post_Valid_202WithLocationThenGetShowsTheApplication()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", CreditApiHost.ValidApplication());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = accepted["id"]!.GetValue<string>();
        Assert.Matches("^app-[0-9a-f]{12}$", id);
        Assert.Equal("Submitted", accepted["status"]!.GetValue<string>());
        Assert.Equal($"/api/applications/{id}", accepted["statusUrl"]!.GetValue<string>());
        Assert.Equal($"/api/applications/{id}", response.Headers.Location?.OriginalString);

        // Any role may read it; the workflow may or may not have moved it on by now.
        var application = (await api.As(CreditRole.Finance).GetFromJsonAsync<JsonObject>(response.Headers.Location))!;
        Assert.Equal(id, application["id"]!.GetValue<string>());
        Assert.Contains(application["status"]!.GetValue<string>(), Enum.GetNames<ApplicationStatus>());
        Assert.Equal(ExpectedCustomerId, application["customer"]!["id"]!.GetValue<string>());
        Assert.Equal("Shanghai Bright Components Co., Ltd.", application["customer"]!["name"]!.GetValue<string>());
        Assert.Equal(600_000m, application["requestedLimit"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("CNY", application["requestedLimit"]!["currency"]!.GetValue<string>());
        Assert.Equal(60, application["requestedTermDays"]!.GetValue<int>());
        Assert.Equal(CreditApiHost.SalesRepName, application["filedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_CustomerAlreadyActive_409AndNothingStarted()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        await api.Services.GetRequiredService<CustomerRepository>().CreateAsync(
            new Customer(ExpectedCustomerId, "Shanghai Bright Components Co., Ltd.", "91310000-MA1K 4X", null, null, at));
        await api.Services.GetRequiredService<CreditProfileRepository>().CreateAsync(
            new CustomerCreditProfile(ExpectedCustomerId, CreditClass.B, Money.Of(500_000m, "CNY"), 60, "", CreditProfileStatus.Active, 72m, "multi-dimension", "1", null),
            new CreditDecision("granted", ExpectedCustomerId, at, "Li Manager", "granted", "final approval", "{}", null, null));

        var response = await api.As(CreditRole.SalesRep).PostAsJsonAsync("/api/applications", CreditApiHost.ValidApplication());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("Active", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(await api.Services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync().ToListAsync());
    }

    [Fact]
    public async Task Get_UnknownApplication_404ProblemDetails()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.As(CreditRole.SalesRep).GetAsync("/api/applications/app-000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
