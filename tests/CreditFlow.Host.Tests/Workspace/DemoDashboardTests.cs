using System.Net;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Storage.Dunning;
using CreditFlow.Testing;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>What <c>./run.sh</c> shows a newcomer on the dashboard: the demo data's year of invoices and payments.</summary>
public sealed partial class DemoDashboardTests
{
    private const string OfficerKey = "demo-dashboard-key-officer-0123456789ab";

    [Fact]
    public async Task TheDemo_FillsTheDashboard_AYearOfCollection_SeveralAgingBuckets_AndThreeCustomersPastTerm()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var host = await RunningHost.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Demo__Seed"] = "true",
                ["ApiKeys__0__Name"] = "officer",
                ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
                ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(OfficerKey),
            },
            environmentName: "Development");
        var dunning = host.Services.GetRequiredService<DunningStore>();
        using (var seeded = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (await dunning.FindAsync("INV-DEMO-3001") is null)
            {
                Assert.False(seeded.IsCancellationRequested, "the demo's last invoice was never booked");
                await Task.Delay(100, CancellationToken.None);
            }
        }

        using var officer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.Client.BaseAddress };
        using var signIn = await officer.PostFormAsync("/credit/sign-in", "/credit/sign-in", ("key", OfficerKey));
        var page = await signIn.Content.ReadAsStringAsync();
        Assert.Equal("/credit/dashboard", signIn.RequestMessage!.RequestUri!.AbsolutePath);

        // Something was collected in at least ten of the last twelve months (the table behind the monthly chart).
        var collection = page[page.IndexOf("id=\"collection\"", StringComparison.Ordinal)..];
        var months = MonthRow().Matches(collection[..collection.IndexOf("</table>", StringComparison.Ordinal)]);
        Assert.Equal(12, months.Count);
        Assert.True(months.Count(m => m.Groups["collected"].Value != "0") >= 10, "collections in at least 10 of 12 months");

        // Open invoices fall in several buckets; the customers past term are listed, Bright (342,000 and a disputed
        // 96,500 overdue) before Jade and North Sea.
        var aging = AgingAmounts().Match(page);
        Assert.True(aging.Success);
        Assert.True(aging.Groups[1].Value.Split(',').Count(a => a != "0") >= 3, $"at least three aging buckets hold money: {aging.Groups[1].Value}");
        var overdue = page[page.IndexOf("id=\"most-overdue\"", StringComparison.Ordinal)..];
        Assert.Equal(
            ["Shenzhen Bright Electronics Co.", "Suzhou Jade Textiles Co.", "Qingdao North Sea Foods Ltd."],
            CustomerName().Matches(overdue[..overdue.IndexOf("</table>", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value));

        // The sales budget is set beside it: the twelve months and three ahead, each budgeting the four customers'
        // usual month and a tenth (150,000 + 60,000 + 85,000 + 40,000 = 335,000; × 1.1 = 368,500).
        var budget = page[page.IndexOf("id=\"budget-table\"", StringComparison.Ordinal)..];
        budget = budget[..budget.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(15, Regex.Matches(budget, "<tr>\\s*<td>").Count);
        Assert.Equal(15, Regex.Matches(budget, "</time></td>\\s*<td class=\"num\"><span class=\"money\"[^>]*>CNY 368,500<").Count);

        // The credit policy has a draft waiting for the committee, simulated on the demo's data.
        var drafts = host.Services.GetRequiredService<PolicyDrafts>();
        using (var simulated = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (await drafts.VersionAsync(2) is not { ImpactJson: { Length: > 0 } })
            {
                Assert.False(simulated.IsCancellationRequested, "the demo's policy draft was never simulated");
                await Task.Delay(100, CancellationToken.None);
            }
        }

        var policy = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri("/credit/policies/2", UriKind.Relative)));
        Assert.Contains("orderCheck.stopLineDaysOverdue", policy, StringComparison.Ordinal);
        Assert.Contains("Impact on open invoices", policy, StringComparison.Ordinal);
        Assert.True(PolicyDrafts.KeptSimulation((await drafts.VersionAsync(2))!)!.InvoicesReplayed > 0, "the demo's open invoices are set on the draft's ladder");
    }

    [GeneratedRegex("<tr>\\s*<td><time[^>]*>[^<]*</time></td>\\s*<td class=\"num\"><span class=\"money\" data-money=\"[0-9.]+\"[^>]*>[^<]*</span></td>\\s*<td class=\"num\"><span class=\"money\" data-money=\"(?<collected>[0-9.]+)\"")]
    private static partial Regex MonthRow();

    [GeneratedRegex("\"aging\":\\{\"labels\":\\[[^\\]]*\\],\"amounts\":\\[([^\\]]*)\\]")]
    private static partial Regex AgingAmounts();

    [GeneratedRegex("<a class=\"name\" href=\"[^\"]*\">([^<]*)</a>")]
    private static partial Regex CustomerName();
}
