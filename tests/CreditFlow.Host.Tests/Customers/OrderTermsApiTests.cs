using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Tests.Customers;

/// <summary>
/// <c>/api/customers/{id}/order-terms</c> on the ERP test host, whose keys include a credit manager and
/// the committee and whose webhooks show what the terms do to the next order.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class OrderTermsApiTests(ErpHost erp)
{
    private const string Reason = "Yellow warning: invoice 31 days overdue without explanation.";

    [Fact]
    public async Task Get_NeverSet_NoFreezeNoPrepayment()
    {
        var customer = await CustomerAsync();

        var response = await erp.As(CreditRole.Finance).GetAsync(Url(customer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var terms = await ErpHost.JsonOf(response);
        Assert.False(terms.GetProperty("limitFrozen").GetBoolean());
        Assert.Equal(0m, terms.GetProperty("prepaymentShare").GetDecimal());
    }

    [Theory]
    [InlineData(CreditRole.CreditManager, ErpHost.ManagerName)]
    [InlineData(CreditRole.CreditCommittee, "Credit committee (Li Na)")]
    public async Task Put_ManagerOrCommittee_StoresTermsAndLogsTheDecisionAsTheKey(CreditRole role, string keyName)
    {
        var customer = await CustomerAsync();

        var response = await PutAsync(customer, new { limitFrozen = true, prepaymentShare = 0.3m, reason = "  " + Reason + " " }, role);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await ErpHost.JsonOf(response);
        Assert.True(stored.GetProperty("limitFrozen").GetBoolean());
        Assert.Equal(0.3m, stored.GetProperty("prepaymentShare").GetDecimal());
        var read = await ErpHost.JsonOf(await erp.As(CreditRole.CreditOfficer).GetAsync(Url(customer)));
        Assert.True(read.GetProperty("limitFrozen").GetBoolean());
        Assert.Equal(0.3m, read.GetProperty("prepaymentShare").GetDecimal());
        Assert.Equal(new OrderTerms(true, 0.3m), (await erp.Ledgers.ReadAsync(customer, [])).Terms);

        var shown = (await erp.As(CreditRole.Finance).GetFromJsonAsync<JsonObject>($"/api/customers/{customer}"))!;
        var decision = Assert.Single(shown["decisions"]!.AsArray(), d => d!["what"]!.GetValue<string>().StartsWith("order terms", StringComparison.Ordinal))!;
        Assert.Equal("order terms: limit frozen, prepayment 30% (were: limit not frozen, no prepayment)", decision["what"]!.GetValue<string>());
        Assert.Equal(Reason, decision["why"]!.GetValue<string>());
        Assert.Equal(keyName, decision["decidedBy"]!.GetValue<string>());
        Assert.StartsWith("order-terms-", decision["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(erp.Clock.GetUtcNow(), decision["decidedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Put_SecondChange_LogsEachDecisionSayingWhatItWas()
    {
        var customer = await CustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, new { limitFrozen = true, prepaymentShare = 0m, reason = "frozen" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, new { limitFrozen = false, prepaymentShare = 1m, reason = "paid up; prepay from now on" })).StatusCode);

        var logged = (await erp.Store.Decisions.ListForCustomerAsync(customer)).Where(d => d.What.StartsWith("order terms", StringComparison.Ordinal)).Select(d => d.What).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["order terms: limit frozen, no prepayment (were: limit not frozen, no prepayment)", "order terms: limit not frozen, prepayment 100% (were: limit frozen, no prepayment)"],
            logged);
    }

    [Fact]
    public async Task Put_OfficerOrFinance403_NoKey401_NothingWritten()
    {
        var customer = await CustomerAsync();
        var body = new { limitFrozen = true, prepaymentShare = 0.5m, reason = Reason };

        var officer = await PutAsync(customer, body, CreditRole.CreditOfficer);
        var finance = await PutAsync(customer, body, CreditRole.Finance);
        var anonymous = await PutAsync(customer, body, null);
        var anonymousRead = await erp.As(null).GetAsync(Url(customer));

        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
        Assert.Equal("application/problem+json", officer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("CreditManager or CreditCommittee", (await ErpHost.JsonOf(officer)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        await AssertUntouchedAsync(customer);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"limitFrozen": true, "prepaymentShare": -0.1, "reason": "r"}""", "prepaymentShare" },
        { """{"limitFrozen": true, "prepaymentShare": 1.5, "reason": "r"}""", "prepaymentShare" },
        { """{"limitFrozen": true, "reason": "r"}""", "prepaymentShare" },
        { """{"prepaymentShare": 0.3, "reason": "r"}""", "limitFrozen" },
        { """{"limitFrozen": "yes", "prepaymentShare": 0.3, "reason": "r"}""", "limitFrozen" },
        { """{"limitFrozen": true, "prepaymentShare": 0.3}""", "reason" },
        { """{"limitFrozen": true, "prepaymentShare": 0.3, "reason": " \t "}""", "reason" },
        { $$"""{"limitFrozen": true, "prepaymentShare": 0.3, "reason": "{{new string('x', 1_001)}}"}""", "reason" },
        { """{"limitFrozen": true, "prepaymentShare": 0.3, "reason": "r", "decidedBy": "someone else"}""", "decidedBy" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadField_400NamesItAndTermsStayAsTheyWere(string json, string field)
    {
        var customer = await CustomerAsync();

        var response = await PutRawAsync(customer, json, CreditRole.CreditManager);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ErpHost.JsonOf(response)).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        await AssertUntouchedAsync(customer);
    }

    [Fact]
    public async Task Put_ReasonOfExactly1000Chars_IsTaken()
    {
        var customer = await CustomerAsync();

        var response = await PutAsync(customer, new { limitFrozen = false, prepaymentShare = 1m, reason = new string('x', 1_000) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_NotJson_415NothingWritten()
    {
        var customer = await CustomerAsync();
        using var content = new StringContent("limitFrozen=true", Encoding.UTF8, "text/plain");

        var response = await erp.As(CreditRole.CreditManager).PutAsync(Url(customer), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertUntouchedAsync(customer);
    }

    [Fact]
    public async Task UnknownCustomer_GetAndPut404_NothingWritten()
    {
        // A profile without a customer row is not a customer either.
        var noCustomerRow = await erp.CustomerAsync(100_000m);
        var nobody = "nobody-" + Guid.NewGuid().ToString("N");

        var get = await erp.As(CreditRole.Finance).GetAsync(Url(nobody));
        var put = await PutAsync(nobody, new { limitFrozen = true, prepaymentShare = 0.3m, reason = Reason });
        var putProfileOnly = await PutAsync(noCustomerRow, new { limitFrozen = true, prepaymentShare = 0.3m, reason = Reason });

        foreach (var response in new[] { get, put, putProfileOnly })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var ledger = await erp.Ledgers.ReadAsync(nobody, []);
        Assert.Equal(OrderTerms.None, ledger.Terms);
        Assert.Null(ledger.Profile);
        Assert.Empty(await erp.Store.Decisions.ListForCustomerAsync(nobody));
        Assert.Equal(OrderTerms.None, (await erp.Ledgers.ReadAsync(noCustomerRow, [])).Terms);
        Assert.Single(await erp.Store.Decisions.ListForCustomerAsync(noCustomerRow)); // the test setup's own
    }

    [Fact]
    public async Task Put_LimitFrozen_TheNextOrderIsHeldForIt()
    {
        var customer = await CustomerAsync(limit: 100_000m);
        var before = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o1-" + customer, 10_000m)));
        Assert.Equal("pass", before.GetProperty("decision").GetString());

        Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, new { limitFrozen = true, prepaymentShare = 0m, reason = Reason })).StatusCode);
        var after = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o2-" + customer, 10_000m)));

        Assert.Equal("hold", after.GetProperty("decision").GetString());
        Assert.Equal("limitFrozen", Assert.Single(after.GetProperty("reasons").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(10_000m, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task Put_PrepaymentShare_TheNextOrderMustBePrepaidThatShare()
    {
        var customer = await CustomerAsync(limit: 100_000m);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(customer, new { limitFrozen = false, prepaymentShare = 0.3m, reason = "new distributor: 30% up front" })).StatusCode);

        var unpaid = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o1-" + customer, 10_000m)));
        var prepaid = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, "o2-" + customer, 10_000m, prepaid: 3_000m)));

        Assert.Equal("hold", unpaid.GetProperty("decision").GetString());
        Assert.Equal("prepaymentNotReceived", Assert.Single(unpaid.GetProperty("reasons").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal("pass", prepaid.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesBothOperationsWithRolesAndAnswers()
    {
        var document = (await erp.As(null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var path = document["paths"]!["/api/customers/{id}/order-terms"]!;
        var put = path["put"]!;
        Assert.Equal("SetOrderTerms", put["operationId"]!.GetValue<string>());
        Assert.Contains("Roles: CreditManager, CreditCommittee.", put["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["200", "400", "401", "403", "404", "415"], put["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
        var bodySchema = put["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.NotNull(document["components"]!["schemas"]![bodySchema.Split('/')[^1]]!["properties"]!["prepaymentShare"]);
        var get = path["get"]!;
        Assert.Contains("Roles: any API key.", get["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["200", "401", "404"], get["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    private static string Url(string customerId) => $"/api/customers/{Uri.EscapeDataString(customerId)}/order-terms";

    /// <summary>A customer row and an active class B profile; the order terms never set.</summary>
    private async Task<string> CustomerAsync(decimal limit = 100_000m)
    {
        var id = await erp.CustomerAsync(limit);
        await erp.Store.Customers.CreateAsync(new Customer(id, "Ningbo Harbour Components Ltd.", id.ToUpperInvariant(), null, "electronics", erp.Clock.GetUtcNow()));
        return id;
    }

    private Task<HttpResponseMessage> PutAsync(string customerId, object body, CreditRole? role = CreditRole.CreditManager) =>
        PutRawAsync(customerId, JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)), role);

    private async Task<HttpResponseMessage> PutRawAsync(string customerId, string json, CreditRole? role)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await erp.As(role).PutAsync(Url(customerId), content);
    }

    /// <summary>No terms row and no decision beyond the one the test setup logged.</summary>
    private async Task AssertUntouchedAsync(string customerId)
    {
        Assert.Equal(OrderTerms.None, (await erp.Ledgers.ReadAsync(customerId, [])).Terms);
        Assert.DoesNotContain(await erp.Store.Decisions.ListForCustomerAsync(customerId), d => d.What.StartsWith("order terms", StringComparison.Ordinal));
    }
}
