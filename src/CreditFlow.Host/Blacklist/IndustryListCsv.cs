using CreditFlow.Domain.Customers;
using CreditFlow.Host.Applications;
using CreditFlow.Storage.Blacklist;
using Sylvan.Data.Csv;

namespace CreditFlow.Host.Blacklist;

/// <summary>
/// Reads an industry blacklist in CSV: a header <c>registrationNumber,name,reason</c> (any order, any case; other
/// columns are ignored), then one company per row. Rows are numbered as a spreadsheet shows them: the header is row 1.
/// Every bad row and column is reported, keyed "row 3, column name", and nothing is returned to store while any is.
/// </summary>
internal static class IndustryListCsv
{
    /// <summary>An industry list larger than this is refused whole: split it.</summary>
    public const int MaxRows = 20_000;

    private static readonly string[] Columns = ["registrationNumber", "name", "reason"];

    /// <summary>The entries of the list, or the problems found in it (keyed by where).</summary>
    public static async Task<(IReadOnlyList<BlacklistEntry> Entries, FieldErrors Errors)> ReadAsync(TextReader text, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var entries = new List<BlacklistEntry>();
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, HeaderComparer = StringComparer.OrdinalIgnoreCase });
        var ordinals = new Dictionary<string, int>();
        foreach (var column in Columns)
        {
            var ordinal = Enumerable.Range(0, csv.FieldCount).FirstOrDefault(i => string.Equals(csv.GetName(i).Trim(), column, StringComparison.OrdinalIgnoreCase), -1);
            if (ordinal < 0)
            {
                errors.Add("row 1, column " + column, $"is missing from the header: the header must name {string.Join(",", Columns)}.");
            }

            ordinals[column] = ordinal;
        }

        if (!errors.IsEmpty)
        {
            return ([], errors);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var row = 1;
        while (await csv.ReadAsync(cancellationToken))
        {
            row++;
            if (row - 1 > MaxRows)
            {
                errors.Add($"row {row}", $"is past the limit of {MaxRows:N0} companies in one import: split the list.");
                break;
            }

            string Field(string column) => ordinals[column] < csv.RowFieldCount ? csv.GetString(ordinals[column]).Trim() : string.Empty;
            var (number, name, reason) = (Field("registrationNumber"), Field("name"), Field("reason"));
            if (number.Length == 0 && name.Length == 0 && reason.Length == 0)
            {
                continue; // a blank line, as spreadsheets leave at the end
            }

            var problems = new FieldErrors();
            AddToBlacklistBody.RegistrationNumberErrors(number, $"row {row}, column registrationNumber", problems);
            AddToBlacklistBody.Text(name, $"row {row}, column name", AddToBlacklistBody.MaxNameChars, "the company's name", problems);
            AddToBlacklistBody.Text(reason, $"row {row}, column reason", AddToBlacklistBody.MaxReasonChars, "why the company is listed", problems);
            if (problems.IsEmpty && seen.TryGetValue(number, out var first))
            {
                problems.Add($"row {row}, column registrationNumber", $"repeats row {first}: each company once.");
            }

            foreach (var (path, messages) in problems.ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add(path, message);
                }
            }

            if (problems.IsEmpty)
            {
                seen[number] = row;
                entries.Add(new BlacklistEntry(number, name, null, reason, BlacklistSource.IndustryList, null, decidedBy, at));
            }
        }

        if (errors.IsEmpty && entries.Count == 0)
        {
            errors.Add("row 2", "is missing: the list holds no company.");
        }

        return (errors.IsEmpty ? entries : [], errors);
    }
}
