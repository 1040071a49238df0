using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Budgets;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Demo;

/// <summary>
/// A year of invoices and payments, so the dashboard's months, DSO and aging have something to show: each demo customer
/// was invoiced monthly and paid in its own habit (early, on the day, some weeks late). What was paid is written as the
/// settled dunning records history leaves; what is not paid yet is booked as the ERP books it, so dunning follows it;
/// and two invoices slid further than their customer's habit (one 45 days past due: yellow); and a sales budget for the
/// year and the next three months, a little above what each customer bought. Seeded once.
/// </summary>
internal sealed class DemoHistory(DunningStore dunning, LedgerBookings ledger, SalesBudgetStore budgets, ILogger<DemoHistory> logger)
{
    private const int Months = 12;
    private const string Bright = "cust-demo-bright";

    /// <summary>The invoice booked last: when it exists, the history is there.</summary>
    public const string LastInvoice = "INV-DEMO-3001";

    /// <summary>Who was invoiced (customers DemoData put on file), how much a month, on which term, and how many days after the due date they paid.</summary>
    private static readonly (string Id, decimal Monthly, int TermDays, int[] PaidDaysAfterDue)[] Payers =
    [
        (Bright, 150_000m, 60, [-6, -4, -5, -2, -7, -3]),
        ("cust-demo-lotus", 60_000m, 45, [0, 2, 0, 5, 1, 0]),
        ("cust-demo-jade", 85_000m, 60, [18, 27, 35, 41, 22, 30]),
        ("cust-demo-northsea", 40_000m, 30, [3, 0, 8, 1, 12, 4]),
    ];

    public async Task SeedAsync(DateOnly today, CancellationToken ct)
    {
        if (await dunning.FindAsync(LastInvoice, ct) is not null)
        {
            return;
        }

        var (settled, open) = (0, 0);
        foreach (var payer in Payers)
        {
            for (var month = 0; month < Months; month++)
            {
                var issued = new DateOnly(today.Year, today.Month, 10).AddMonths(month - Months);
                var due = issued.AddDays(payer.TermDays);
                var paidOn = due.AddDays(payer.PaidDaysAfterDue[month % payer.PaidDaysAfterDue.Length]);

                // Some months buy more than others: up to a third either way, the same every run.
                var amount = Money.Of(Math.Round(payer.Monthly * (1m + ((((month * 7) + payer.Id.Length) % 9) - 4) / 12m) / 100m) * 100m, "CNY");
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

        // The sales budget: each customer's usual month and a tenth, this year and the next three months.
        foreach (var payer in Payers)
        {
            for (var month = -Months; month <= 3; month++)
            {
                await budgets.SaveAsync(payer.Id, new DateOnly(today.Year, today.Month, 1).AddMonths(month), Money.Of(payer.Monthly * 1.1m, "CNY"), ct);
            }
        }

        await budgets.AddUpAsync(ct);

        // And two that slid further than their customers' habit: Jade 45 days past due, North Sea 9 days.
        await InvoiceAsync("cust-demo-jade", "INV-DEMO-2001", 92_400m, today.AddDays(-105), 60, ct);
        await InvoiceAsync("cust-demo-northsea", "INV-DEMO-3001", 38_600m, today.AddDays(-39), 30, ct);
        logger.LogInformation("Demo history: {Settled} settled invoices over {Months} months, {Open} open.", settled, Months, open + 2);
    }

    private static string InvoiceId(string customerId, DateOnly issued) =>
        $"INV-{customerId["cust-demo-".Length..].ToUpperInvariant()}-{issued:yyyyMM}";

    private Task InvoiceAsync(string customer, string id, decimal amount, DateOnly issued, int termDays, CancellationToken ct) =>
        ledger.InvoiceAsync(new ErpInvoice(id, customer, null, Money.Of(amount, "CNY"), issued, issued.AddDays(termDays)), "demo", ct);
}
