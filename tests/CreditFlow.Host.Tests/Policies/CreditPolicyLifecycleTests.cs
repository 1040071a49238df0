using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Host.Tests.Workspace;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;

namespace CreditFlow.Host.Tests.Policies;

/// <summary>
/// A new version of the credit policy from draft to force on a running host: drafted through the API (problems at
/// their JSON paths, nothing kept), simulated on the orders already checked, put to the committee, approved from the
/// committee's mailed link, and the next order decided under it — its answer naming the version.
/// </summary>
[Collection(PolicyCollection.Name)]
public sealed class CreditPolicyLifecycleTests(ErpHost erp)
{
    private const string Committee = "credit-committee@creditflow.local";

    [Fact]
    public async Task Draft_Simulate_Approve_TheNextOrderIsDecidedUnderTheNewVersion()
    {
        // A customer whose invoice is 25 days overdue: under the shipped stop line (30 days) its orders pass.
        var customer = await erp.CustomerAsync(100_000m);
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("invoices", ErpHost.Invoice(customer, "inv-" + customer, null, 5_000m, erp.Today.AddDays(-55), erp.Today.AddDays(-25)))).StatusCode);
        var before = await OrderAsync(customer, "o1-" + customer);
        Assert.Equal(("pass", 1), (before.GetProperty("decision").GetString(), before.GetProperty("policyVersion").GetInt32()));

        // Drafted: the stop line from 30 to 20 days, from today.
        using var drafted = await erp.As(CreditRole.CreditManager).PostAsJsonAsync("/api/policies", DraftBody(StopLine(20), erp.Today, "overdue grew this quarter"));
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var draft = await ErpHost.JsonOf(drafted);
        var version = draft.GetProperty("version").GetInt32();
        Assert.Equal(("draft", false), (draft.GetProperty("status").GetString(), draft.GetProperty("inForce").GetBoolean()));
        var change = Assert.Single(draft.GetProperty("changes").EnumerateArray());
        Assert.Equal(("orderCheck.stopLineDaysOverdue", "30", "20"), (change.GetProperty("path").GetString(), change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));

        // Simulated: the order that passed would be held.
        using var simulated = await erp.As(CreditRole.CreditManager).PostAsync($"/api/policies/{version}/simulation?days=30", null);
        Assert.Equal(HttpStatusCode.OK, simulated.StatusCode);
        var simulation = await ErpHost.JsonOf(simulated);
        Assert.True(simulation.GetProperty("nowHeld").GetInt32() >= 1);
        var replayed = simulation.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("orderId").GetString() == "o1-" + customer);
        Assert.Equal((true, false, 1), (replayed.GetProperty("passedThen").GetBoolean(), replayed.GetProperty("passesUnderDraft").GetBoolean(), replayed.GetProperty("versionThen").GetInt32()));
        Assert.Contains("25 days overdue", Assert.Single(replayed.GetProperty("reasonsUnderDraft").EnumerateArray()).GetString(), StringComparison.Ordinal);
        // The stop line is not the dunning ladder: the overdue invoice stands where it did.
        var invoice = simulation.GetProperty("invoices").EnumerateArray().Single(i => i.GetProperty("invoiceId").GetString() == "inv-" + customer);
        Assert.Equal((false, "sales-call"), (invoice.GetProperty("changed").GetBoolean(), invoice.GetProperty("stepThen").GetString()));

        // The page's impact table downloads from the simulation kept with the draft (nothing runs again): the orders it lists.
        using (var reader = await erp.SignedInAsync(Credit.WarningsOnErpHost.OfficerKey))
        {
            var impact = await Workspace.ExportFiles.PageAsync(reader, $"/credit/policies/{version}");
            var orders = await Workspace.ExportFiles.CsvAsync(reader, $"/credit/policies/{version}/impact-orders.csv");
            Assert.Contains($"href=\"/credit/policies/{version}/impact-orders.xlsx\"", impact, StringComparison.Ordinal);
            Assert.Equal(Workspace.ExportFiles.Ids(impact, "data-order"), orders.Skip(1).Select(r => r[3]).ToList());
            Assert.Equal(("passed", "held"), (orders.Single(r => r[3] == "o1-" + customer)[7], orders.Single(r => r[3] == "o1-" + customer)[9][..4]));
            await Workspace.ExportFiles.AssertExcelHoldsAsync(reader, $"/credit/policies/{version}/impact-orders.xlsx", orders);
            await Workspace.ExportFiles.AssertRefusedSignedOutAsync(erp.Host.Client.BaseAddress!, $"/credit/policies/{version}/impact-orders.csv");
        }

        // A draft decides nothing.
        Assert.Equal("pass", (await OrderAsync(customer, "o2-" + customer)).GetProperty("decision").GetString());

        // Put to the committee, which approves from its mail.
        using var submitted = await erp.As(CreditRole.CreditManager).PostAsync($"/api/policies/{version}/submission", null);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal("inApproval", (await ErpHost.JsonOf(submitted)).GetProperty("status").GetString());
        using var again = await erp.As(CreditRole.CreditManager).PostAsync($"/api/policies/{version}/submission", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var link = await CommitteeLinkAsync($"Credit policy version {version}");
        var page = WebUtility.HtmlDecode(await erp.Host.Client.GetStringAsync(link));
        // What it changes as a table: the setting in words (its path beneath), in force, proposed.
        Assert.Contains("<thead><tr><th scope=\"col\">Setting</th><th scope=\"col\">In force</th><th scope=\"col\">Proposed</th></tr></thead>", page, StringComparison.Ordinal);
        Assert.Contains(
            "<tr><th scope=\"row\">Order check › stop line days overdue <code class=\"where\">orderCheck.stopLineDaysOverdue</code></th><td>30</td><td><b>20</b></td></tr>",
            page,
            StringComparison.Ordinal);
        Assert.DoesNotContain("orderCheck.stopLineDaysOverdue: 30 → 20", page, StringComparison.Ordinal);
        Assert.Contains("would be held", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Approve a lower amount", page, StringComparison.Ordinal); // a policy has no amount to lower
        Assert.DoesNotContain("Proposed amount", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Customer</th>", page, StringComparison.Ordinal); // a policy concerns no customer
        Assert.Contains("Impact (simulation)", page, StringComparison.Ordinal);
        using var approved = await DecideAsync(link, ("decision", "approve"), ("comment", "agreed at the March meeting"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        await EventuallyAsync(
            async () => (await GetAsync($"/api/policies/{version}")).GetProperty("status").GetString() is "approved" ? "approved" : null,
            "the approval booked");
        var inForce = await GetAsync($"/api/policies/{version}");
        Assert.True(inForce.GetProperty("inForce").GetBoolean());
        Assert.Equal(("agreed at the March meeting", Iso(erp.Today)), (inForce.GetProperty("decisionComment").GetString(), inForce.GetProperty("effectiveFrom").GetString()));

        // The next order of the same customer is held under version 2's stop line, and says so.
        var after = await OrderAsync(customer, "o3-" + customer);
        Assert.Equal(("hold", version), (after.GetProperty("decision").GetString(), after.GetProperty("policyVersion").GetInt32()));
        Assert.Contains(after.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "overdueBeyondStopLine");
    }

    [Fact]
    public async Task Draft_WithBadValues_Is400NamingEachPath_NothingKept()
    {
        var versionsBefore = (await GetAsync("/api/policies")).GetArrayLength();
        var document = JsonNode.Parse(StopLine(0))!;
        document["orderCheck"]!["releaseTolerance"]!["days"] = -1;
        document["bonusRules"] = new JsonObject();

        using var refused = await erp.As(CreditRole.CreditManager).PostAsJsonAsync("/api/policies", DraftBody(document.ToJsonString(), erp.Today.AddDays(-1), "x"));
        using var notAllowed = await erp.As(CreditRole.Finance).PostAsJsonAsync("/api/policies", DraftBody(StopLine(20), erp.Today, "x"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ErpHost.JsonOf(refused)).GetProperty("errors");
        Assert.Equal(
            ["effectiveFrom", "policy.bonusRules", "policy.orderCheck.releaseTolerance.days", "policy.orderCheck.stopLineDaysOverdue"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(versionsBefore, (await GetAsync("/api/policies")).GetArrayLength());
    }

    [Fact]
    public async Task Simulation_AssessesThePeriodsApplicationsAgain_AStricterClassBPutsTheApplicantInClassC()
    {
        var registration = "91310000-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var filed = await erp.As(CreditRole.CreditManager).PostAsJsonAsync("/api/applications", CreditApiHost.ValidApplication(registration));
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        var applicationId = (await ErpHost.JsonOf(filed)).GetProperty("id").GetString()!;
        var scoring = await EventuallyAsync(
            async () => (await erp.Store.Decisions.ListForApplicationsAsync(CustomerIds.FromRegistrationNumber(registration))).FirstOrDefault(d => d.Id == applicationId + "-scored-trial"),
            "the application scored");
        using var snapshot = JsonDocument.Parse(scoring.DataSnapshotJson);
        var (score, classThen) = (snapshot.RootElement.GetProperty("score").GetProperty("value").GetDecimal(), snapshot.RootElement.GetProperty("score").GetProperty("class").GetString());

        // A draft whose classes A and B start just above the applicant's score: under it the applicant is class C.
        var document = JsonNode.Parse(Domain.Policies.CreditPolicy.Default.Json)!;
        document["creditClasses"]!["minimumScores"]!["A"] = Math.Floor(score) + 2;
        document["creditClasses"]!["minimumScores"]!["B"] = Math.Floor(score) + 1;
        using var drafted = await erp.As(CreditRole.CreditManager).PostAsJsonAsync("/api/policies", DraftBody(document.ToJsonString(), erp.Today.AddDays(30), "stricter classes"));
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var version = (await ErpHost.JsonOf(drafted)).GetProperty("version").GetInt32();
        using var simulated = await erp.As(CreditRole.CreditManager).PostAsync($"/api/policies/{version}/simulation?days=30", null);
        var simulation = await ErpHost.JsonOf(simulated);

        Assert.Equal(HttpStatusCode.OK, simulated.StatusCode);
        Assert.True(simulation.GetProperty("worseClass").GetInt32() >= 1);
        var replayed = simulation.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("then").GetProperty("applicationId").GetString() == applicationId);
        Assert.Equal("worseClass", replayed.GetProperty("change").GetString(), ignoreCase: true);
        Assert.Equal(classThen, replayed.GetProperty("then").GetProperty("class").GetString(), ignoreCase: true);
        Assert.Equal("C", replayed.GetProperty("classUnderDraft").GetString(), ignoreCase: true);
        Assert.Equal(score, replayed.GetProperty("scoreUnderDraft").GetDecimal());

        // The version's page sets the application beside what it was given, and the committee's mail will say it.
        using var manager = await erp.SignedInAsync("erp-test-key-manager-0123456789abcdef");
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri($"/credit/policies/{version}", UriKind.Relative)));
        Assert.Contains("Impact on past applications", page, StringComparison.Ordinal);
        Assert.Matches($@"data-application=""{applicationId}""[\s\S]*?{classThen} → <b>C</b>", page);
    }

    [Fact]
    public async Task Withdraw_ADraftIsKeptAsWithdrawn_ItCannotBeSubmitted_AndNeedsAReason()
    {
        using var drafted = await erp.As(CreditRole.CreditManager).PostAsJsonAsync("/api/policies", DraftBody(Tolerance(days: 7), erp.Today.AddDays(20), "a week to ship"));
        var version = (await ErpHost.JsonOf(drafted)).GetProperty("version").GetInt32();

        using var noReason = await erp.As(CreditRole.CreditManager).PostAsJsonAsync($"/api/policies/{version}/withdrawal", new { reason = " " });
        using var notAllowed = await erp.As(CreditRole.Finance).PostAsJsonAsync($"/api/policies/{version}/withdrawal", new { reason = "not mine to take back" });
        using var withdrawn = await erp.As(CreditRole.CreditManager).PostAsJsonAsync($"/api/policies/{version}/withdrawal", new { reason = "superseded by the quarter's review" });
        using var submitted = await erp.As(CreditRole.CreditManager).PostAsync($"/api/policies/{version}/submission", null);
        using var again = await erp.As(CreditRole.CreditManager).PostAsJsonAsync($"/api/policies/{version}/withdrawal", new { reason = "twice" });
        using var missing = await erp.As(CreditRole.CreditManager).PostAsJsonAsync("/api/policies/9999/withdrawal", new { reason = "none" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason", Assert.Single((await ErpHost.JsonOf(noReason)).GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var view = await ErpHost.JsonOf(withdrawn);
        Assert.Equal(("withdrawn", ErpHost.ManagerName, "superseded by the quarter's review"), (view.GetProperty("status").GetString(), view.GetProperty("decidedBy").GetString(), view.GetProperty("decisionComment").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (submitted.StatusCode, again.StatusCode, missing.StatusCode));
        Assert.Contains((await GetAsync("/api/policies?status=withdrawn")).EnumerateArray(), v => v.GetProperty("version").GetInt32() == version);

        // On its page: withdrawn, by whom and why; no button to submit it.
        using var manager = await erp.SignedInAsync("erp-test-key-manager-0123456789abcdef");
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri($"/credit/policies/{version}", UriKind.Relative)));
        Assert.Matches(@"<dt>Withdrawn</dt>\s*<dd id=""decided"">[^<]*, <time datetime=""\d{4}-\d{2}-\d{2}T[^""]+"">[^<]*</time> — .superseded by the quarter's review", page);
        Assert.DoesNotContain("id=\"submit\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ShowTheVersionInForce_RefuseABadDraftWithItsPaths_KeepAGoodOne()
    {
        using var manager = await erp.SignedInAsync("erp-test-key-manager-0123456789abcdef");

        var list = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri("/credit/policies", UriKind.Relative)));
        using var refused = await PostFormAsync(manager, "/credit/policies", ("effectiveFrom", Iso(erp.Today)), ("note", "typo"), ("policy", StopLine(20).Replace("20", "\"twenty\"", StringComparison.Ordinal)));
        using var kept = await PostFormAsync(manager, "/credit/policies", ("effectiveFrom", Iso(erp.Today.AddDays(10))), ("note", "shorter release window"), ("policy", Tolerance(days: 5)));
        var shown = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(kept.Headers.Location!.OriginalString, UriKind.Relative)));

        Assert.Contains("stopLineDaysOverdue", list, StringComparison.Ordinal);
        Assert.Contains("<textarea name=\"policy\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<code>$.orderCheck.stopLineDaysOverdue</code>", problems, StringComparison.Ordinal);
        Assert.Contains("\"twenty\"", problems, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, kept.StatusCode);
        Assert.Contains("is kept as a draft", shown, StringComparison.Ordinal);
        Assert.Contains("<td>Order check › release tolerance › days <code class=\"where\">orderCheck.releaseTolerance.days</code></td>", shown, StringComparison.Ordinal);
        Assert.Contains("for 5 days", shown, StringComparison.Ordinal);
        Assert.Contains("Put to the credit committee", shown, StringComparison.Ordinal);

        // When it takes effect is a day, and when it was drafted a moment, as time elements the script shows in the reader's locale.
        TimeElements.AllIn(shown, atLeast: 1);
        Assert.Contains($"from <time datetime=\"{Iso(erp.Today.AddDays(10))}\">{erp.Today.AddDays(10):d MMM yyyy}</time>", shown, StringComparison.Ordinal);
        var versions = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri("/credit/policies", UriKind.Relative)));
        TimeElements.AllIn(versions, atLeast: 1);
        Assert.Matches($@"<tr data-version=""{kept.Headers.Location!.OriginalString.Split('/')[^1]}"">[\s\S]*?<td><time datetime=""{Iso(erp.Today.AddDays(10))}"">", versions);
    }

    private async Task<JsonElement> OrderAsync(string customer, string orderId)
    {
        using var response = await erp.PostAsync("orders", ErpHost.Order(customer, orderId, 10_000m));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ErpHost.JsonOf(response);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await erp.As(CreditRole.CreditOfficer).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ErpHost.JsonOf(response);
    }

    private static object DraftBody(string policy, DateOnly effectiveFrom, string note) =>
        new { effectiveFrom = Iso(effectiveFrom), note, policy = JsonNode.Parse(policy) };

    private static string StopLine(int days)
    {
        var document = JsonNode.Parse(Domain.Policies.CreditPolicy.Default.Json)!;
        document["orderCheck"]!["stopLineDaysOverdue"] = days;
        return document.ToJsonString();
    }

    private static string Tolerance(int days)
    {
        var document = JsonNode.Parse(Domain.Policies.CreditPolicy.Default.Json)!;
        document["orderCheck"]!["releaseTolerance"]!["days"] = days;
        return document.ToJsonString();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The path of the approval link mailed to the committee whose subject contains <paramref name="subject"/>.</summary>
    private async Task<string> CommitteeLinkAsync(string subject)
    {
        var outbox = erp.Host.Services.GetRequiredService<LocalOutboxMailSender>();
        var mail = await EventuallyAsync(
            async () => (await outbox.ListAsync(CancellationToken.None)).FirstOrDefault(m => m.To == Committee && m.Subject.Contains(subject, StringComparison.Ordinal)),
            "the committee's approval mail");
        return Assert.Single(mail.Links).Url.PathAndQuery;
    }

    private async Task<HttpResponseMessage> DecideAsync(string path, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(fields) };
        request.Headers.TryAddWithoutValidation("Origin", erp.Host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await erp.Host.Client.SendAsync(request);
    }

    /// <summary>The form on <paramref name="path"/>, posted back to it with its token, from this site.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = await browser.FormAsync(path, fields) };
        request.Headers.TryAddWithoutValidation("Origin", erp.Host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return await browser.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
