using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Workspace.Dashboard;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Budgets;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Documents;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>Reads a customer's file (<see cref="CustomerFile"/>) from the stores that keep its parts, and finds customers.</summary>
internal sealed class CustomerFiles(
    CustomerRepository customers,
    CreditProfileRepository profiles,
    DecisionLog decisions,
    CustomerLedgerStore ledgers,
    DunningStore invoices,
    WarningStore warnings,
    CaseStore cases,
    CreditTaskStore tasks,
    SalesBudgetStore budgets,
    HoldRepository holds,
    ApplicationRepository applications,
    DocumentStore documents,
    ReviewStore reviews,
    CoreCustomerLines coreLines,
    IOptions<DashboardOptions> options,
    TimeProvider clock)
{
    /// <summary>Search results shown.</summary>
    public const int Found = 50;

    /// <summary>Decided holds shown beside the open ones.</summary>
    public const int DecidedHoldsShown = 10;


    /// <summary>The customers matching <paramref name="text"/> (name, registration number or id).</summary>
    public Task<IReadOnlyList<Customer>> SearchAsync(string text, CancellationToken cancellationToken) => customers.SearchAsync(text, Found, cancellationToken);

    /// <summary>The customer's file; null when there is no such customer.</summary>
    public async Task<CustomerFile?> ReadAsync(string customerId, CancellationToken cancellationToken)
    {
        if (await customers.GetAsync(customerId, cancellationToken) is not { Value: var customer })
        {
            return null;
        }

        // The parts live in different tables: read them all at once.
        var profileRead = profiles.GetAsync(customerId, cancellationToken);
        var ledgerRead = ledgers.ReadAsync(customerId, [], cancellationToken);
        var recordsRead = invoices.ListAllAsync(customerId, cancellationToken);
        var openWarningsRead = warnings.ListAsync(customerId: customerId, cancellationToken: cancellationToken);
        var answeredWarningsRead = warnings.ListAsync(answered: true, customerId: customerId, cancellationToken: cancellationToken);
        var casesRead = cases.ListAsync(customerId: customerId, cancellationToken: cancellationToken);
        var openTasksRead = tasks.ListAsync(customerId: customerId, cancellationToken: cancellationToken);
        var doneTasksRead = tasks.ListAsync(completed: true, customerId: customerId, cancellationToken: cancellationToken);
        var decisionsRead = decisions.ListForCustomerAsync(customerId, cancellationToken: cancellationToken);
        var budgetRead = budgets.ForCustomerAsync(customerId, cancellationToken);
        // The store reads every hold of the customer whatever the bound, which only cuts the list: take them all.
        var holdsRead = holds.ListAsync(new HoldQuery(CustomerId: customerId, Max: int.MaxValue), cancellationToken);
        var applicationsRead = ApplicationsAsync(customerId, cancellationToken);
        var reviewsRead = reviews.ListAsync(customerId, cancellationToken);

        // Onboarding's scorings apart: the decisions read above are the latest 100, which later ones push out.
        var onboardingRead = decisions.ListForApplicationsAsync(customerId, cancellationToken);
        var coreLinesRead = coreLines.ReadAsync(cancellationToken);
        await Task.WhenAll(profileRead, ledgerRead, recordsRead, openWarningsRead, answeredWarningsRead, casesRead, openTasksRead, doneTasksRead, decisionsRead, budgetRead, holdsRead, applicationsRead, reviewsRead, onboardingRead, coreLinesRead);

        var today = InvoiceFigures.Today(clock);
        var profile = (await profileRead)?.Value;
        var ledger = await ledgerRead;
        var records = await recordsRead;
        var currency = profile?.Limit.Currency ?? records.FirstOrDefault()?.Amount.Currency ?? new Currency(options.Value.Currency);
        var histories = records.Select(r => r.History).ToList();
        var position = ReceivablesPosition.Build(histories, currency, today, AgingBuckets.Default, AbcPolicy.Default, options.Value.Months, options.Value.DsoMonths);
        var habit = PaymentHabitPolicy.Default.Assess(records.Select(Settled), today);

        var ordered = InvoiceOrder.OpenFirst(records);
        var warningList = (await openWarningsRead).Concat(await answeredWarningsRead).OrderByDescending(w => w.RaisedAt).ToList();
        var caseList = await casesRead;
        var openTasks = (await openTasksRead).OrderBy(t => t.DueAt).ToList();
        var doneTasks = await doneTasksRead;
        var decisionList = await decisionsRead;
        var allHolds = await holdsRead;
        var openHolds = allHolds.Where(h => h.Status == HoldStatus.Open).OrderByDescending(h => h.HeldAt).ToList();
        var decidedHolds = allHolds.Where(h => h.Status != HoldStatus.Open).OrderByDescending(h => h.DecidedAt ?? h.HeldAt).Take(DecidedHoldsShown).ToList();
        var holdList = openHolds.Concat(decidedHolds).ToList();

        var (group, groupExposure) = await GroupAsync(customer, ledger.Exposure?.Amounts, cancellationToken);
        return new CustomerFile(
            customer,
            profile,
            ledger.Exposure?.Amounts,
            ledger.Terms.LimitFrozen,
            group,
            groupExposure,
            ordered,
            position,
            habit,
            warningList,
            caseList,
            openTasks,
            decisionList,
            CustomerTimeline.Of(customer, records, decisionList, warningList, caseList, doneTasks, holdList))
        {
            Behaviour = CustomerBehaviour.Of(position, histories, Budget(position, await budgetRead)),
            Holds = holdList,
            Applications = await applicationsRead,
            Scores = ScoreHistory.Of(await onboardingRead, await reviewsRead),
            Core = Core(customerId, histories, currency, today, await coreLinesRead),
        };
    }

    /// <summary>The customer against the core customers' line in its currency: its own sales from its invoices, the line as last read.</summary>
    private static CoreStanding? Core(string customerId, IEnumerable<InvoiceHistory> histories, Currency currency, DateOnly today, IReadOnlyDictionary<Currency, CoreCustomerLine> lines)
    {
        if (!lines.TryGetValue(currency, out var line))
        {
            return null;
        }

        var from = CoreCustomerLines.WindowStart(today);
        var sales = histories
            .Select(h => h.Invoice)
            .Where(i => i.Amount.Currency == currency && i.IssueDate >= from && i.IssueDate <= today)
            .Aggregate(Money.Zero(currency), (sum, i) => sum + i.Amount);
        return new CoreStanding(line.Includes(customerId, sales), sales, line, CoreCustomerLines.Policy);
    }

    /// <summary>The customer's applications, newest first, with their documents.</summary>
    private async Task<IReadOnlyList<CustomerApplication>> ApplicationsAsync(string customerId, CancellationToken cancellationToken)
    {
        var filed = await applications.ListForCustomerAsync(customerId, cancellationToken);
        var withDocuments = await Task.WhenAll(filed.Select(async a => new CustomerApplication(
            a, (await documents.ListAsync(a.Id, cancellationToken)).OrderBy(d => d.UploadedAt).ToList())));
        return withDocuments.OrderByDescending(a => a.Application.CreatedAt).ToList();
    }

    /// <summary>The document <paramref name="name"/> (its name within the application) of one of the customer's applications; null when there is none.</summary>
    public async Task<DocumentContent?> DocumentAsync(string customerId, string applicationId, string name, CancellationToken cancellationToken)
    {
        if (await applications.GetAsync(applicationId, cancellationToken) is not { Value.CustomerId: var owner } || owner != customerId)
        {
            return null;
        }

        return await documents.DownloadAsync(applicationId, $"{applicationId}/{name}", cancellationToken);
    }

    /// <summary>The customer's receivable budget over its position's months; empty without a sales budget in its currency.</summary>
    private IReadOnlyList<BudgetedMonth> Budget(ReceivablesPosition position, IReadOnlyList<BudgetedSales> sales)
    {
        var settings = options.Value;
        var mine = sales.Where(s => s.Sales.Currency == position.Currency).ToDictionary(s => s.Month, s => s.Sales);
        return mine.Count == 0
            ? []
            : ReceivableBudget.Build(mine, position.Currency, new BudgetAssumptions(settings.BudgetDaysToCollect, settings.BudgetOverdueShare), position.Months[0].Start, position.ThisMonth.Start);
    }

    /// <summary>The customer's invoices as a file's table; null when there is no such customer.</summary>
    public async Task<ExportTable?> InvoicesAsync(string customerId, CancellationToken cancellationToken)
    {
        if (await customers.GetAsync(customerId, cancellationToken) is null)
        {
            return null;
        }

        var today = InvoiceFigures.Today(clock);
        return new ExportTable(
            $"invoices-{customerId}-{Figures.Iso(today)}",
            ["Invoice", "Issued", "Due", "Amount", "Open", "Currency", "Days late", "Dunning"],
            InvoiceOrder.OpenFirst(await invoices.ListAllAsync(customerId, cancellationToken)).Select(r => new object?[]
            {
                r.InvoiceId, r.IssueDate, r.DueDate, r.Amount.Amount, r.Invoice.Open.Amount, r.Amount.Currency.Code,
                r.Invoice.IsOpen && today > r.DueDate ? today.DayNumber - r.DueDate.DayNumber : null, InvoiceStanding.Of(r),
            }).ToList());
    }

    /// <summary>
    /// The other companies under the customer's actual controller, and the group's exposure: its own and theirs, in its
    /// currency (a member's in another currency is left out of the sum, not converted).
    /// </summary>
    private async Task<(IReadOnlyList<Customer> Members, CreditExposure? Exposure)> GroupAsync(Customer customer, CreditExposure? own, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(customer.ActualController))
        {
            return ([], own);
        }

        var members = (await customers.ListByActualControllerAsync(customer.ActualController, cancellationToken))
            .Where(c => c.Id != customer.Id).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var exposures = await Task.WhenAll(members.Select(async m => (await ledgers.ReadAsync(m.Id, [], cancellationToken)).Exposure?.Amounts));
        var total = own;
        foreach (var exposure in exposures.OfType<CreditExposure>())
        {
            total = total is null ? exposure : exposure.Currency == total.Currency ? total + exposure : total;
        }

        return (members, total);
    }

    /// <summary>The invoice with the day it was settled: the payment that brought it to nothing (the record keeps payments, not that day).</summary>
    private static Invoice Settled(DunningRecord record)
    {
        var invoice = record.Invoice;
        return invoice.IsOpen || record.Payments.Count == 0 ? invoice : invoice with { SettledOn = record.Payments.Max(p => p.PaidOn) };
    }
}
