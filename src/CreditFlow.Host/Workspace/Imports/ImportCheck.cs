using System.Globalization;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Imports;

namespace CreditFlow.Host.Workspace.Imports;

/// <summary>
/// Checks an import file whole before anything of it is applied: every cell read as its column's type, every id once
/// in the file, every customer and invoice it names on record and every document it brings either new or already
/// there with the same figures. A file with any problem is refused with all of them, each naming its row and column;
/// nothing of it is applied.
/// </summary>
internal sealed class ImportCheck(CustomerRepository customers, DunningStore invoices)
{
    /// <summary>Problems listed at most; beyond, the count.</summary>
    public const int MaxProblems = 500;

    /// <summary>The file's rows ready to apply, or its problems (then no rows).</summary>
    public async Task<(ImportedRows? Rows, IReadOnlyList<ImportProblem> Problems)> CheckAsync(ImportKind kind, ImportSheet sheet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var problems = new List<ImportProblem>();
        var columns = Header(kind, sheet, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        if (sheet.Rows.Count == 0)
        {
            return (null, [new ImportProblem(2, null, "the file has no rows under its header")]);
        }

        var cells = new Cells(columns, problems);
        ImportedRows rows = kind switch
        {
            ImportKind.Customers => new(sheet.Rows.Select(r => Customer(r, cells)).ToList(), [], []),
            ImportKind.Invoices => new([], sheet.Rows.Select(r => Invoice(r, cells)).ToList(), []),
            ImportKind.Budget => new([], [], []) { Budget = sheet.Rows.Select(r => Budget(r, cells)).ToList() },
            _ => new([], [], sheet.Rows.Select(r => Payment(r, cells)).ToList()),
        };

        Repeats(rows.Customers.Select(c => (c.Row, c.Id)), "id", problems);
        Repeats(rows.Invoices.Select(i => (i.Row, i.InvoiceId)), "invoiceId", problems);
        Repeats(rows.Payments.Select(p => (p.Row, p.PaymentId)), "paymentId", problems);
        Repeats(rows.Budget.Where(b => b.CustomerId.Length > 0).Select(b => (b.Row, $"{b.CustomerId} {b.Month:yyyy-MM} {b.Sales.Currency.Code}")), "month", problems);
        if (problems.Count == 0)
        {
            await AgainstRecordsAsync(rows, problems, cancellationToken);
        }

        return problems.Count == 0 ? (rows, []) : (null, problems.OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal).ToList());
    }

    /// <summary>The file's header, matched to the kind's columns: a required one missing, or one the kind does not have, is a problem.</summary>
    private static Dictionary<string, string> Header(ImportKind kind, ImportSheet sheet, List<ImportProblem> problems)
    {
        var wanted = ImportColumns.Of(kind);
        var byKey = wanted.ToDictionary(c => ImportColumns.Key(c.Name), c => c.Name);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in sheet.Headers)
        {
            if (byKey.TryGetValue(ImportColumns.Key(header), out var name))
            {
                if (!found.TryAdd(name, header))
                {
                    problems.Add(new ImportProblem(1, header, $"the column {name} appears twice"));
                }
            }
            else if (!string.IsNullOrWhiteSpace(header))
            {
                problems.Add(new ImportProblem(1, header, $"not a column of a {kind.ToString().ToLowerInvariant()} file; its columns are {string.Join(", ", wanted.Select(c => c.Name))}"));
            }
        }

        problems.AddRange(wanted.Where(c => c.Required && !found.ContainsKey(c.Name)).Select(c => new ImportProblem(1, c.Name, "the column is missing")));
        return found;
    }

    private static ImportedCustomer Customer(SheetRow r, Cells c) => new(
        r.Number, c.Id(r, "id"), c.Text(r, "name"), c.Text(r, "registrationNumber"), c.Optional(r, "actualController"), c.Optional(r, "industry"));

    private static ImportedInvoice Invoice(SheetRow r, Cells c)
    {
        var amount = c.Amount(r);
        var issued = c.Date(r, "issueDate");
        var due = c.Date(r, "dueDate");
        if (issued is { } i && due is { } d && d < i)
        {
            c.Problem(r, "dueDate", $"{Iso(d)} is before the issue date {Iso(i)}");
        }

        return new(r.Number, c.Id(r, "invoiceId"), c.Id(r, "customerId"), c.OptionalId(r, "orderId"), amount ?? default, issued ?? default, due ?? default);
    }

    private static ImportedPayment Payment(SheetRow r, Cells c) =>
        new(r.Number, c.Id(r, "paymentId"), c.Id(r, "customerId"), c.Id(r, "invoiceId"), c.Amount(r) ?? default, c.Date(r, "receivedOn") ?? default);

    private static ImportedBudget Budget(SheetRow r, Cells c)
    {
        var customerId = c.Id(r, "customerId");
        var monthText = c.Text(r, "month");
        DateOnly month = default;
        if (monthText.Length > 0 && !DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month)
            && !(DateOnly.TryParseExact(monthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month.Day == 1))
        {
            c.Problem(r, "month", $"'{monthText}' is not a month as yyyy-mm, e.g. 2026-04");
        }

        return new(r.Number, customerId, month, c.Amount(r, "sales", allowZero: true) ?? default);
    }

    private static void Repeats(IEnumerable<(int Row, string Id)> ids, string column, List<ImportProblem> problems)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, id) in ids.Where(x => x.Id.Length > 0))
        {
            if (!first.TryAdd(id, row))
            {
                problems.Add(new ImportProblem(row, column, $"{id} is already in row {first[id]}"));
            }
        }
    }

    /// <summary>What the file names must be on record, and what it brings must not be there with other figures.</summary>
    private async Task AgainstRecordsAsync(ImportedRows rows, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentBag<ImportProblem>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(rows.Customers, parallel, async (row, ct) =>
        {
            if ((await customers.GetAsync(row.Id, ct))?.Value is { } existing && (existing.Name != row.Name || existing.RegistrationNumber != row.RegistrationNumber))
            {
                found.Add(new ImportProblem(row.Row, "id", $"customer {row.Id} is already on record as {existing.Name} ({existing.RegistrationNumber})"));
            }
        });

        var named = rows.Invoices.Select(i => (i.Row, i.CustomerId))
            .Concat(rows.Payments.Select(p => (p.Row, p.CustomerId)))
            .Concat(rows.Budget.Select(b => (b.Row, b.CustomerId)))
            .ToList();
        var known = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(named.Select(n => n.CustomerId).Distinct(StringComparer.Ordinal), parallel, async (id, ct) =>
            known[id] = await customers.GetAsync(id, ct) is not null);
        foreach (var (row, id) in named.Where(n => !known[n.CustomerId]))
        {
            found.Add(new ImportProblem(row, "customerId", $"no customer {id} is on record"));
        }

        await Parallel.ForEachAsync(rows.Invoices, parallel, async (row, ct) =>
        {
            if (await invoices.FindAsync(row.InvoiceId, ct) is { } booked
                && (booked.CustomerId != row.CustomerId || booked.Amount != row.Amount || booked.IssueDate != row.IssueDate))
            {
                found.Add(new ImportProblem(row.Row, "invoiceId", $"invoice {row.InvoiceId} is already booked with other figures: customer {booked.CustomerId}, {booked.Amount.Currency.Code} {booked.Amount.Amount.ToString(CultureInfo.InvariantCulture)}, issued {Iso(booked.IssueDate)}"));
            }
        });

        await Parallel.ForEachAsync(rows.Payments, parallel, async (row, ct) =>
        {
            var invoice = await invoices.FindAsync(row.InvoiceId, ct);
            if (invoice is null)
            {
                found.Add(new ImportProblem(row.Row, "invoiceId", $"no invoice {row.InvoiceId} is on record"));
            }
            else if (invoice.CustomerId != row.CustomerId)
            {
                found.Add(new ImportProblem(row.Row, "customerId", $"invoice {row.InvoiceId} is customer {invoice.CustomerId}'s"));
            }
            else if (invoice.Amount.Currency != row.Amount.Currency)
            {
                found.Add(new ImportProblem(row.Row, "currency", $"invoice {row.InvoiceId} is in {invoice.Amount.Currency.Code}"));
            }
        });

        problems.AddRange(found);
    }

    private static string Iso(DateOnly date) => Figures.Iso(date);

    /// <summary>Reads a row's cells by column name, noting what cannot be read.</summary>
    private sealed class Cells(Dictionary<string, string> headers, List<ImportProblem> problems)
    {
        public void Problem(SheetRow row, string column, string problem) => problems.Add(new ImportProblem(row.Number, column, problem));

        public string? Optional(SheetRow row, string column) =>
            headers.TryGetValue(column, out var header) && row.Cells.GetValueOrDefault(header) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public string Text(SheetRow row, string column)
        {
            var value = Optional(row, column);
            if (value is null)
            {
                Problem(row, column, "is empty");
            }

            return value ?? string.Empty;
        }

        public string Id(SheetRow row, string column)
        {
            var value = Text(row, column);
            return value.Length == 0 || ValidId(row, column, value) ? value : string.Empty;
        }

        public string? OptionalId(SheetRow row, string column) => Optional(row, column) is { } value && ValidId(row, column, value) ? value : null;

        public Money? Amount(SheetRow row, string column = "amount", bool allowZero = false)
        {
            var text = Text(row, column);
            var code = Text(row, "currency");
            Currency? currency = null;
            if (code.Length > 0)
            {
                if (code.Length == 3 && code.All(char.IsAsciiLetter))
                {
                    currency = new Currency(code.ToUpperInvariant());
                }
                else
                {
                    Problem(row, "currency", $"'{code}' is not a three-letter currency code (ISO 4217), e.g. CNY");
                }
            }

            if (text.Length == 0)
            {
                return null;
            }

            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            {
                Problem(row, column, $"'{text}' is not an amount: digits with a point for the decimals, no thousands separators, e.g. 125000.00");
                return null;
            }

            if (amount < 0m || (amount == 0m && !allowZero))
            {
                Problem(row, column, $"{text} is not above zero");
                return null;
            }

            if (decimal.Round(amount, 2) != amount)
            {
                Problem(row, column, $"{text} has more than two decimals");
                return null;
            }

            return currency is { } c ? new Money(amount, c) : null;
        }

        public DateOnly? Date(SheetRow row, string column)
        {
            var text = Text(row, column);
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Problem(row, column, $"'{text}' is not a date as yyyy-mm-dd, e.g. 2026-03-31");
            return null;
        }

        private bool ValidId(SheetRow row, string column, string value)
        {
            if (value.Length > 256 || value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            {
                Problem(row, column, $"'{value}' is not an id: at most 256 characters, none of / \\ # ?");
                return false;
            }

            return true;
        }
    }
}
