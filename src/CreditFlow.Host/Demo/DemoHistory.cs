using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Demo;

/// <summary>
/// A year of invoices and payments, so the dashboard's months, DSO and aging have something to show: each demo customer
/// was invoiced monthly and paid in its own habit (early, on the day, some weeks late). What was paid is written as the
/// settled dunning records history leaves; what is not paid yet is booked as the ERP books it, so dunning follows it;
/// and two invoices slid further than their customer's habit (one 45 days past due: yellow). Seeded once.
/// </summary>
internal sealed class DemoHistory(CreditStore store, DunningStore dunning, LedgerBookings ledger, ILogger<DemoHistory> logger)
{
    private const string SeededBy = "demo data";
    private const int Months = 12;
    private const string Bright = "cust-demo-bright";

    /// <summary>The invoice booked last: when it exists, the history is there.</summary>
    public const string LastInvoice = "INV-DEMO-3001";

    /// <summary>Who was invoiced, in which trade, how much a month, on which term, and how many days after the due date they paid.</summary>
    private static readonly (string Id, string Name, string Industry, decimal Monthly, int TermDays, int[] PaidDaysAfterDue)[] Payers =
    [
        (Bright, "Shenzhen Bright Electronics Co.", "electronics", 150_000m, 60, [-6, -4, -5, -2, -7, -3]),
        ("cust-demo-lotus", "Fuzhou Lotus Ceramics Co.", "ceramics", 60_000m, 45, [0, 2, 0, 5, 1, 0]),
        ("cust-demo-jade", "Suzhou Jade Textiles Co.", "textiles", 85_000m, 60, [18, 27, 35, 41, 22, 30]),
        ("cust-demo-northsea", "Qingdao North Sea Foods Ltd.", "food", 40_000m, 30, [3, 0, 8, 1, 12, 4]),
    ];

    public async Task SeedAsync(DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await dunning.FindAsync(LastInvoice, ct) is not null)
        {
            return;
        }

        await CustomerAsync("cust-demo-jade", "Suzhou Jade Textiles Co.", CreditClass.C, 400_000m, 60, now, ct);
        await CustomerAsync("cust-demo-northsea", "Qingdao North Sea Foods Ltd.", CreditClass.B, 250_000m, 30, now, ct);

        var (settled, open) = (0, 0);
        foreach (var payer in Payers)
        {
            for (var month = 0; month < Months; month++)
            {
                var issued = new DateOnly(today.Year, today.Month, 10).AddMonths(month - Months);
                var due = issued.AddDays(payer.TermDays);
                var paidOn = due.AddDays(payer.PaidDaysAfterDue[month % payer.PaidDaysAfterDue.Length]);

                // Some months buy more than others: up to a third either way, the same every run.
                var amount = Money.Of(Math.Round(payer.Monthly * (1m + ((((month * 7) + payer.Name.Length) % 9) - 4) / 12m) / 100m) * 100m, "CNY");
                var id = InvoiceId(payer.Id, issued);
                if (paidOn < today)
                {
                    await dunning.AddAsync(
                        DunningRecord.Booked(payer.Id, id, issued, due, amount) with
                        {
                            Payments = [new InvoicePayment(paidOn, amount)],
                            Standing = new DunningStanding(nameof(DunningStatus.Settled), 0, null, null, 0m, new DateTimeOffset(paidOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
                        },
                        ct);
                    settled++;
                }
                else if (payer.Id != Bright)
                {
                    // Not paid yet: booked as the ERP books it, so dunning follows it. Bright's latest are DemoData's three.
                    await ledger.InvoiceAsync(new ErpInvoice(id, payer.Id, null, amount, issued, due), "demo", ct);
                    open++;
                }
            }
        }

        // And two that slid further than their customers' habit: Jade 45 days past due, North Sea 9 days.
        await InvoiceAsync("cust-demo-jade", "INV-DEMO-2001", 92_400m, today.AddDays(-105), 60, ct);
        await InvoiceAsync("cust-demo-northsea", "INV-DEMO-3001", 38_600m, today.AddDays(-39), 30, ct);
        logger.LogInformation("Demo history: {Settled} settled invoices over {Months} months, {Open} open.", settled, Months, open + 2);
    }

    private static string InvoiceId(string customerId, DateOnly issued) =>
        $"INV-{customerId["cust-demo-".Length..].ToUpperInvariant()}-{issued:yyyyMM}";

    private Task InvoiceAsync(string customer, string id, decimal amount, DateOnly issued, int termDays, CancellationToken ct) =>
        ledger.InvoiceAsync(new ErpInvoice(id, customer, null, Money.Of(amount, "CNY"), issued, issued.AddDays(termDays)), "demo", ct);

    private async Task CustomerAsync(string id, string name, CreditClass creditClass, decimal limit, int termDays, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.Customers.GetAsync(id, ct) is not null)
        {
            return;
        }

        await store.Customers.CreateAsync(new Customer(id, name, "REG-" + id, null, Payers.First(p => p.Id == id).Industry, now), ct);
        await store.Profiles.CreateAsync(
            new CustomerCreditProfile(id, creditClass, Money.Of(limit, "CNY"), termDays, "none", CreditProfileStatus.Active, null, null, null, null),
            new CreditDecision($"{id}-demo", id, now, SeededBy, $"Active: limit {Money.Of(limit, "CNY")}, {termDays} days", "seeded as demo data", "{}", null, null),
            ct);
    }
}
