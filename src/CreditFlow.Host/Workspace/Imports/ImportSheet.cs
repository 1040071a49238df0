using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace CreditFlow.Host.Workspace.Imports;

/// <summary>
/// An uploaded file read as a sheet of text: its header and its rows, numbered as a spreadsheet shows them (the header
/// is row 1). CSV is read with Sylvan.Data.Csv (the delimiter — comma, semicolon, tab — told from the header), .xlsx
/// with MiniExcel (the first sheet; dates and numbers written back as invariant text).
/// </summary>
internal sealed record ImportSheet(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows)
{
    /// <summary>Reads <paramref name="file"/>, an .xlsx or a CSV (told by its name), at most <paramref name="maxRows"/> rows.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read as a sheet, or has more rows than allowed.</exception>
    public static async Task<ImportSheet> ReadAsync(Stream file, string fileName, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? Excel(file, maxRows)
                : await CsvAsync(file, maxRows, cancellationToken);
        }
        catch (Exception e) when (e is not InvalidDataException and not OperationCanceledException)
        {
            throw new InvalidDataException($"The file could not be read as {(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "an Excel workbook" : "CSV")}: {e.Message}", e);
        }
    }

    private static async Task<ImportSheet> CsvAsync(Stream file, int maxRows, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken);
        var headers = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var rows = new List<SheetRow>();
        while (await csv.ReadAsync(cancellationToken))
        {
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count && i < csv.RowFieldCount; i++)
            {
                cells[headers[i]] = csv.GetString(i);
            }

            Add(rows, new SheetRow(rows.Count + 2, cells), maxRows);
        }

        return new ImportSheet(headers, rows.Where(r => !r.IsBlank).ToList());
    }

    private static ImportSheet Excel(Stream file, int maxRows)
    {
        var headers = MiniExcel.GetColumns(file, useHeaderRow: true, excelType: ExcelType.XLSX)?.ToList() ?? [];
        file.Position = 0;
        var rows = new List<SheetRow>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.XLSX))
        {
            var cells = row.ToDictionary(c => c.Key, c => Text(c.Value), StringComparer.Ordinal);
            Add(rows, new SheetRow(rows.Count + 2, cells), maxRows);
        }

        return new ImportSheet(headers, rows.Where(r => !r.IsBlank).ToList());
    }

    private static void Add(List<SheetRow> rows, SheetRow row, int maxRows)
    {
        if (rows.Count == maxRows)
        {
            throw new InvalidDataException($"The file has more than {maxRows:N0} rows, the most one import takes; split it.");
        }

        rows.Add(row);
    }

    /// <summary>A cell as the text a person typed: dates as ISO dates, numbers invariant (a double shown as Excel shows it).</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture),
        double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>One row of a sheet: its number as a spreadsheet shows it, and its cells by header.</summary>
internal sealed record SheetRow(int Number, IReadOnlyDictionary<string, string?> Cells)
{
    /// <summary>Every cell is empty (a trailing line, a spacer row): not a row to import.</summary>
    public bool IsBlank => Cells.Values.All(string.IsNullOrWhiteSpace);
}
