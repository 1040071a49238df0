using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditFlow.Storage;
using CreditFlow.Storage.Budgets;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Imports;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Imports;

/// <summary>
/// Starts an accepted import's workflow and applies its rows the way the ERP's documents are: customers into the
/// customer file, invoices and payments through <see cref="LedgerBookings"/> (exposure, then dunning), a sales budget
/// into <see cref="SalesBudgetStore"/> (added up again after its last row).
/// </summary>
public sealed class ImportApplication(
    ImportStore imports, CustomerRepository customers, DunningStore invoices, SalesBudgetStore budgets, LedgerBookings ledger, DurableTaskClient client, TimeProvider clock)
{
    /// <summary>Rows one workflow step applies (and then records how far it got).</summary>
    public const int RowsPerStep = 50;

    /// <summary>Records the checked import and starts applying it.</summary>
    public async Task<ImportRecord> StartAsync(ImportRecord import, ImportedRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        var stored = await imports.AddAsync(import, rows, cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ImportWorkflow), new ImportRun(import.ImportId, rows.Count, RowsPerStep), new StartOrchestrationOptions { InstanceId = InstanceId(import.ImportId) }, cancellationToken);
        return stored;
    }

    /// <summary>The workflow instance of an import.</summary>
    public static string InstanceId(string importId) => "import|" + importId;

    /// <summary>
    /// Applies the step's rows and records the import as applied to the step's end (done after the last row). A step
    /// run again (the workflow resumed after a crash) applies its rows again, which changes nothing, and records nothing
    /// twice.
    /// </summary>
    /// <returns>Rows applied by the step.</returns>
    public async Task<int> ApplyAsync(ImportStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var import = await imports.GetAsync(step.ImportId, cancellationToken)
            ?? throw new InvalidOperationException($"Import {step.ImportId} is not on record.");
        var rows = await imports.RowsAsync(step.ImportId, cancellationToken);
        var outcomes = new List<RowOutcome>();
        foreach (var row in rows.Customers.Skip(step.First).Take(step.Count))
        {
            outcomes.Add(await CustomerAsync(row, import, cancellationToken));
        }

        foreach (var row in rows.Invoices.Skip(step.First).Take(step.Count))
        {
            outcomes.Add(await InvoiceAsync(row, cancellationToken));
        }

        foreach (var row in rows.Payments.Skip(step.First).Take(step.Count))
        {
            outcomes.Add(await PaymentAsync(row, cancellationToken));
        }

        // A budget is a plan: a month imported again replaces what was budgeted for it.
        foreach (var row in rows.Budget.Skip(step.First).Take(step.Count))
        {
            await budgets.SaveAsync(row.CustomerId, row.Month, row.Sales, cancellationToken);
            outcomes.Add(RowOutcome.Booked);
        }

        if (rows.Budget.Count > 0 && step.First + step.Count >= rows.Count)
        {
            await budgets.AddUpAsync(cancellationToken);
        }

        await RecordAsync(import, step, outcomes, cancellationToken);
        return outcomes.Count;
    }

    private async Task RecordAsync(ImportRecord import, ImportStep step, List<RowOutcome> outcomes, CancellationToken cancellationToken)
    {
        var end = step.First + step.Count;
        while (import.Applied < end)
        {
            try
            {
                await imports.SaveAsync(
                    import with
                    {
                        Applied = end,
                        AlreadyThere = import.AlreadyThere + outcomes.Count(o => o.AlreadyThere),
                        Refused = [.. import.Refused, .. outcomes.Where(o => o.Refused is not null).Select(o => o.Refused!)],
                        Status = end >= import.Rows ? ImportStatus.Done : ImportStatus.Applying,
                        FinishedAt = end >= import.Rows ? clock.GetUtcNow() : null,
                    },
                    cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                import = (await imports.GetAsync(import.ImportId, cancellationToken))!;
            }
        }
    }

    private async Task<RowOutcome> CustomerAsync(ImportedCustomer row, ImportRecord import, CancellationToken cancellationToken)
    {
        try
        {
            await customers.CreateAsync(new Customer(row.Id, row.Name, row.RegistrationNumber, row.ActualController, row.Industry, import.At), cancellationToken);
            return RowOutcome.Booked;
        }
        catch (ConcurrencyConflictException)
        {
            var existing = (await customers.GetAsync(row.Id, cancellationToken))?.Value;
            return existing is not null && existing.Name == row.Name && existing.RegistrationNumber == row.RegistrationNumber
                ? RowOutcome.Existing
                : new RowOutcome(false, new RefusedRow(row.Row, $"customer {row.Id} was created meanwhile with other details"));
        }
    }

    private async Task<RowOutcome> InvoiceAsync(ImportedInvoice row, CancellationToken cancellationToken)
    {
        // Booked before, by the ERP or an earlier import, with these figures: nothing to do.
        if (await invoices.FindAsync(row.InvoiceId, cancellationToken) is { } booked)
        {
            return booked.CustomerId == row.CustomerId && booked.Amount == row.Amount && booked.IssueDate == row.IssueDate
                ? RowOutcome.Existing
                : new RowOutcome(false, new RefusedRow(row.Row, $"invoice {row.InvoiceId} was booked meanwhile with other figures"));
        }

        var invoice = new ErpInvoice(row.InvoiceId, row.CustomerId, row.OrderId, row.Amount, row.IssueDate, row.DueDate);
        return Outcome(row.Row, "invoice", row.InvoiceId, await ledger.InvoiceAsync(invoice, Hash(invoice), cancellationToken));
    }

    private async Task<RowOutcome> PaymentAsync(ImportedPayment row, CancellationToken cancellationToken)
    {
        var payment = new ErpPayment(row.PaymentId, row.CustomerId, row.InvoiceId, null, row.Amount, row.ReceivedOn);
        return Outcome(row.Row, "payment", row.PaymentId, await ledger.PaymentAsync(payment, Hash(payment), cancellationToken));
    }

    private static RowOutcome Outcome(int row, string kind, string id, ErpAnswer answer) => answer.Outcome switch
    {
        ErpAnswerOutcome.Answered => answer.Duplicate ? RowOutcome.Existing : RowOutcome.Booked,
        _ => new RowOutcome(false, new RefusedRow(row, answer.Detail ?? $"{kind} {id} was refused ({answer.Outcome})")),
    };

    // The ledger tells a repeat from a reuse of a document id by the body's hash: an import's body is its row.
    private static string Hash<T>(T document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("import|" + JsonSerializer.Serialize(document))));

    private sealed record RowOutcome(bool AlreadyThere, RefusedRow? Refused)
    {
        public static readonly RowOutcome Booked = new(false, null);
        public static readonly RowOutcome Existing = new(true, null);
    }
}
