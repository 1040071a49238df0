using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>The webhooks: instant decisions, signatures, validation, idempotency, exact exposure.</summary>
[Collection(ErpCollection.Name)]
public sealed class ErpWebhookTests(ErpHost erp)
{
    [Fact]
    public async Task Order_Clean_PassesAndReservesItsAmount()
    {
        var customer = await erp.CustomerAsync(100_000m);

        var response = await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 40_000m, prepaid: 10_000m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ErpHost.JsonOf(response);
        Assert.Equal("pass", answer.GetProperty("decision").GetString());
        Assert.Empty(answer.GetProperty("reasons").EnumerateArray());
        Assert.False(answer.TryGetProperty("holdId", out _));
        var exposure = await erp.ExposureAsync(customer);
        Assert.Equal(30_000m, exposure!.Amounts.OpenOrders.Amount);
    }

    public static TheoryData<string, string> Reasons => new()
    {
        { "notOnCreditList", "unknown customer" },
        { "blacklisted", "blacklisted" },
        { "classD", "class D" },
        { "limitFrozen", "limit frozen" },
        { "prepaymentNotReceived", "prepayment missing" },
        { "overdueBeyondStopLine", "invoice 40 days overdue" },
        { "overLimit", "over the limit" },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task Order_ForEachReason_IsHeldWithThatReasonAndARemedy(string reason, string situation)
    {
        _ = situation;
        var customer = reason switch
        {
            "notOnCreditList" => "nobody-" + Guid.NewGuid().ToString("N"),
            "blacklisted" => await erp.CustomerAsync(100_000m, status: CreditProfileStatus.Blacklisted),
            "classD" => await erp.CustomerAsync(100_000m, CreditClass.D),
            "limitFrozen" => await erp.CustomerAsync(100_000m, terms: new OrderTerms(true, 0m)),
            "prepaymentNotReceived" => await erp.CustomerAsync(100_000m, terms: new OrderTerms(false, 0.3m)),
            _ => await erp.CustomerAsync(100_000m),
        };
        if (reason == "overdueBeyondStopLine")
        {
            var invoiced = await erp.PostAsync("invoices", ErpHost.Invoice(customer, "inv-" + customer, null, 5_000m, erp.Today.AddDays(-70), erp.Today.AddDays(-40)));
            Assert.Equal(HttpStatusCode.OK, invoiced.StatusCode);
        }

        var amount = reason == "overLimit" ? 150_000m : 10_000m;
        var response = await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, amount));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ErpHost.JsonOf(response);
        Assert.Equal("hold", answer.GetProperty("decision").GetString());
        Assert.Contains(answer.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == reason);
        Assert.Contains(answer.GetProperty("remedies").EnumerateArray(), r => r.GetProperty("clears").GetString() == reason);
        Assert.Equal($"hold-order-o-{customer}", answer.GetProperty("holdId").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("approverRole").GetString()));
        Assert.Equal(0m, (await erp.ExposureAsync(customer))?.Amounts.OpenOrders.Amount ?? 0m);
    }

    [Fact]
    public async Task Order_BlacklistedCustomer1000OverLimit_OffersOnlyFullPrepaymentOrACommitteeException()
    {
        // The case: three reasons, and a temporary limit increase of 1,000 CNY was offered.
        var customer = await erp.CustomerAsync(100_000m, CreditClass.D, CreditProfileStatus.Blacklisted);

        var response = await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 101_000m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ErpHost.JsonOf(response);
        Assert.Equal(["blacklisted", "classD", "overLimit"], answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        var remedies = answer.GetProperty("remedies").EnumerateArray().ToArray();
        Assert.Equal(["prepay", "committeeException"], remedies.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal((101_000m, 1m), (remedies[0].GetProperty("amount").GetProperty("amount").GetDecimal(), remedies[0].GetProperty("prepaidShare").GetDecimal()));
        Assert.Equal("prepay the remaining 101,000.00 CNY (100% of the order): no credit is extended", remedies[0].GetProperty("explanation").GetString());
        Assert.Equal($"the credit committee grants an exception: 101,000.00 CNY on credit although customer {customer} is blacklisted", remedies[1].GetProperty("explanation").GetString());
        Assert.DoesNotContain(remedies, r => r.GetProperty("explanation").GetString()!.Contains("limit increase", StringComparison.Ordinal));
        Assert.Equal("CreditCommittee", answer.GetProperty("approverRole").GetString());
    }

    [Fact]
    public async Task Order_GroupMemberBlacklisted_HeldForItWithoutReadingTheGroup()
    {
        // Two companies under one controller; the first is blacklisted through the blacklist, which flags the second.
        var (defaulter, sister) = (await erp.CustomerAsync(100_000m), await erp.CustomerAsync(100_000m));
        var controller = "Mr. Zhao " + defaulter;
        await erp.Store.Customers.CreateAsync(new Storage.Customers.Customer(defaulter, "Grand Trading", "REG-" + defaulter, controller, null, erp.Clock.GetUtcNow()));
        await erp.Store.Customers.CreateAsync(new Storage.Customers.Customer(sister, "Sister Logistics", "REG-" + sister, controller, null, erp.Clock.GetUtcNow()));
        var blacklisting = erp.Host.Services.GetRequiredService<Storage.Blacklist.Blacklisting>();
        var outcome = await blacklisting.BlacklistCustomerAsync(defaulter, "court judgment", BlacklistSource.LegalCase, "case-1", "legal", erp.Clock.GetUtcNow());

        var response = await erp.PostAsync("orders", ErpHost.Order(sister, "o-" + sister, 10_000m));

        Assert.Equal([sister], outcome.GroupMembersFlagged);
        var answer = await ErpHost.JsonOf(response);
        Assert.Equal("hold", answer.GetProperty("decision").GetString());
        var reason = Assert.Single(answer.GetProperty("reasons").EnumerateArray());
        Assert.Equal("groupMemberBlacklisted", reason.GetProperty("kind").GetString());
        Assert.Equal($"group member Grand Trading ({defaulter}), controlled by {controller}, is blacklisted", reason.GetProperty("explanation").GetString());
        Assert.Equal("CreditManager", answer.GetProperty("approverRole").GetString());
    }

    [Fact]
    public async Task Order_Retried_GetsTheFirstAnswerAndChangesNothing_DifferentBodyIs409()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var order = ErpHost.Order(customer, "o-" + customer, 60_000m);
        var first = await (await erp.PostAsync("orders", order)).Content.ReadAsStringAsync();
        var exposure = await erp.ExposureAsync(customer);

        var again = await erp.PostAsync("orders", order);
        var changed = await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 60_001m));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(exposure, await erp.ExposureAsync(customer), new ExposureComparer());
    }

    [Fact]
    public async Task Order_ReplayedWithOtherWhitespaceAndKeyOrder_GetsTheFirstAnswer_ARealDifferenceIs409()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var id = "o-" + customer;
        var compact = $$"""{"orderId":"{{id}}","customerId":"{{customer}}","amount":{"amount":60000,"currency":"CNY"},"orderDate":"2026-03-02"}""";
        var reshaped = $$"""
            {
              "orderDate" : "2026-03-02",
              "amount" : { "currency" : "CNY", "amount" : 60000.00 },
              "customerId" : "{{customer}}",
              "orderId" : "\u006F-{{customer}}"
            }
            """;
        var first = await (await erp.PostRawAsync("orders", compact)).Content.ReadAsStringAsync();

        var replay = await erp.PostRawAsync("orders", reshaped);
        var changed = await erp.PostRawAsync("orders", compact.Replace("60000", "60001", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(first, await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Order_InAnotherCurrencyThanTheCustomersCredit_Is422NamingAmountCurrency()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var order = new { orderId = "o-" + customer, customerId = customer, amount = new { amount = 1_000m, currency = "USD" }, orderDate = "2026-03-02" };

        var response = await erp.PostAsync("orders", order);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ErpHost.JsonOf(response);
        Assert.Equal("Currency mismatch", problem.GetProperty("title").GetString());
        Assert.Equal(
            "must be CNY, the currency of the customer's credit (was USD); amounts are not converted.",
            Assert.Single(problem.GetProperty("errors").GetProperty("amount.currency").EnumerateArray()).GetString());
        Assert.Empty((await erp.Ledgers.ReadAsync(customer, [(ErpDocumentKind.Order, "o-" + customer)])).Records);
    }

    [Fact]
    public async Task Webhook_MissingBadOrStaleSignature_Is401AndStoresNothing()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var json = JsonSerializer.Serialize(ErpHost.Order(customer, "o-" + customer, 1_000m), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var missing = await erp.PostRawAsync("orders", json, key: null);
        var wrongKey = await erp.PostRawAsync("orders", json, key: "not-the-key-not-the-key-not-the-key");
        var stale = await erp.PostRawAsync("orders", json, signedAt: erp.Clock.GetUtcNow().AddMinutes(-6));
        var future = await erp.PostRawAsync("orders", json, signedAt: erp.Clock.GetUtcNow().AddMinutes(6));

        foreach (var response in new[] { missing, wrongKey, stale, future })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var ledger = await erp.Ledgers.ReadAsync(customer, [(ErpDocumentKind.Order, "o-" + customer)]);
        Assert.Empty(ledger.Records);
        Assert.Null(ledger.Exposure);

        // The rotated key is accepted as well, and the same document then is stored once.
        var rotated = await erp.PostRawAsync("orders", json, key: ErpHost.RotatedKey);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
    }

    [Fact]
    public async Task Webhook_TamperedBody_Is401()
    {
        var customer = await erp.CustomerAsync(100_000m);
        var json = JsonSerializer.Serialize(ErpHost.Order(customer, "o-" + customer, 1_000m), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var timestamp = erp.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/erp/orders") { Content = new StringContent(json.Replace("1000", "9000", StringComparison.Ordinal)) };
        request.Headers.Add(ErpContract.ErpSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(ErpContract.ErpSignature.SignatureHeader, ErpContract.ErpSignature.Sign(ErpHost.Key, timestamp, System.Text.Encoding.UTF8.GetBytes(json)));

        var response = await erp.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_MalformedBody_Is400NamingEachField()
    {
        var response = await erp.PostRawAsync("orders", """{"orderId":"a/b","amount":{"amount":-5,"currency":"cny"},"orderDate":"31.12.2025"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ErpHost.JsonOf(response)).GetProperty("errors");
        foreach (var field in new[] { "orderId", "customerId", "amount.currency", "orderDate" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        var payment = await erp.PostRawAsync("payments", """{"paymentId":"p1","customerId":"c1","amount":{"amount":5,"currency":"CNY"},"receivedOn":"2026-03-02"}""");
        Assert.Equal(HttpStatusCode.BadRequest, payment.StatusCode);
        Assert.True((await ErpHost.JsonOf(payment)).GetProperty("errors").TryGetProperty("invoiceId", out _));
    }

    [Fact]
    public async Task Exposure_IsExactWhateverOrderTheMessagesArriveIn()
    {
        var customer = await erp.CustomerAsync(1_000_000m);
        var orderId = "o-" + customer;
        var due = erp.Today.AddDays(30);

        // Out of order: payment before its invoice, invoice before its shipment, shipment before its order; then a cancellation.
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("payments", erp.Payment(customer, "p1-" + customer, 30_000m, invoiceId: "i-" + customer))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("invoices", ErpHost.Invoice(customer, "i-" + customer, orderId, 50_000m, erp.Today, due))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("shipments", erp.Shipment(customer, orderId, "s1-" + customer, 70_000m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("orders", ErpHost.Order(customer, orderId, 100_000m))).StatusCode);
        var beforeCancel = (await erp.ExposureAsync(customer))!.Amounts;
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("order-cancellations", new { cancellationId = "c-" + customer, orderId, customerId = customer })).StatusCode);
        var after = (await erp.ExposureAsync(customer))!.Amounts;

        // Invoice 50,000 less 30,000 paid; shipped 70,000 of which 50,000 invoiced; order 100,000 of which 70,000 shipped.
        Assert.Equal((20_000m, 20_000m, 30_000m), (beforeCancel.OpenReceivables.Amount, beforeCancel.ShippedNotInvoiced.Amount, beforeCancel.OpenOrders.Amount));
        Assert.Equal((20_000m, 20_000m, 0m), (after.OpenReceivables.Amount, after.ShippedNotInvoiced.Amount, after.OpenOrders.Amount));

        // A cancellation of an order never seen, then the order itself: nothing is reserved.
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("order-cancellations", new { cancellationId = "c2-" + customer, orderId = "late-" + customer, customerId = customer })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("orders", ErpHost.Order(customer, "late-" + customer, 10_000m))).StatusCode);
        Assert.Equal(after.Total, (await erp.ExposureAsync(customer))!.Amounts.Total);
    }

    [Fact]
    public async Task ConcurrentOrders_ForOneCustomer_PassOnlyUpToTheLimit()
    {
        var customer = await erp.CustomerAsync(1_000_000m);
        var amounts = Enumerable.Range(0, 50).Select(i => 30_000m + (i * 1_000m)).ToArray();

        var responses = await Task.WhenAll(amounts.Select((amount, i) => erp.PostAsync("orders", ErpHost.Order(customer, $"o{i}-{customer}", amount))));

        var passed = 0m;
        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, responses[i].StatusCode);
            if ((await ErpHost.JsonOf(responses[i])).GetProperty("decision").GetString() == "pass")
            {
                passed += amounts[i];
            }
        }

        Assert.True(amounts.Sum() > 1_000_000m);
        Assert.True(passed <= 1_000_000m, $"passed {passed}");
        Assert.True(passed > 1_000_000m - amounts.Max(), $"passed only {passed}: an order that fit was held");
        Assert.Equal(passed, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);
    }

    [Fact]
    public async Task FiveHundredConcurrentOrders_ForOneCustomer_PassExactlyToTheLimit_InAFewTransactions_AndNoneIsDecidedTwice()
    {
        // Room for 480 orders of 1,000: the 481st and later are over the limit whatever order they arrive in.
        var customer = await erp.CustomerAsync(480_000m);
        var orders = Enumerable.Range(0, 500).Select(i => ErpHost.Order(customer, $"burst{i}-{customer}", 1_000m)).ToArray();
        var tally = erp.Host.Services.GetRequiredService<StorageRequestTally>();
        var before = tally.Total;

        var answers = await Task.WhenAll(orders.Select(async order => await AnswerAsync(await erp.PostAsync("orders", order))));
        var requests = tally.Total - before;

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(480, answers.Count(a => a.Decision == "pass"));
        Assert.Equal(20, answers.Count(a => a.Decision == "hold"));
        Assert.Equal(480_000m, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);

        // One writer for the customer: a transaction per batch of orders, not a lost race and a retry per order.
        Assert.True(requests < 150, $"{requests} ledger requests for 500 orders");

        // The ERP sends them all again: each gets its first answer, and nothing is booked twice.
        var again = await Task.WhenAll(orders.Select(async order => await AnswerAsync(await erp.PostAsync("orders", order))));
        Assert.Equal(answers.Select(a => a.Json), again.Select(a => a.Json));
        Assert.Equal(480_000m, (await erp.ExposureAsync(customer))!.Amounts.OpenOrders.Amount);
    }

    private static async Task<(HttpStatusCode Status, string? Decision, string Json)> AnswerAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadAsStringAsync();
        var decision = response.IsSuccessStatusCode ? JsonDocument.Parse(json).RootElement.GetProperty("decision").GetString() : null;
        return (response.StatusCode, decision, json);
    }

    private sealed class ExposureComparer : IEqualityComparer<ExposureState?>
    {
        public bool Equals(ExposureState? x, ExposureState? y) =>
            x is not null && y is not null && x.Amounts == y.Amounts && x.Version == y.Version && x.OpenInvoices.SequenceEqual(y.OpenInvoices);

        public int GetHashCode(ExposureState? obj) => 0;
    }
}
