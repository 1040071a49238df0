using System.Data;
using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace CreditFlow.Host.Workspace.Export;

/// <summary>
/// Writes an <see cref="ExportTable"/> as the file asked for: CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads
/// Chinese names right, invariant numbers, ISO dates, times in UTC as <c>2026-03-20 09:00:00</c>, text that would read as
/// a formula marked as text) with Sylvan, or Excel (.xlsx, numbers as numbers, dates and times as dates, text as text)
/// with MiniExcel.
/// </summary>
internal static class TableFiles
{
    public const string Csv = "csv";
    public const string Excel = "xlsx";

    /// <summary>A file's name for <paramref name="what"/> as of today (UTC): <c>tasks-CreditOfficer-2026-03-20</c>.</summary>
    public static string Named(string what, TimeProvider clock) => $"{what}-{Figures.Iso(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}";

    /// <summary>True for a format this writes.</summary>
    public static bool IsFormat(string format) => format is Csv or Excel;

    /// <summary>The file as a download.</summary>
    /// <exception cref="ArgumentException">Not a format this writes.</exception>
    public static async Task<IResult> DownloadAsync(ExportTable table, string format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var file = new MemoryStream();
        string type;
        if (format == Csv)
        {
            await WriteCsvAsync(table, file, cancellationToken);
            type = "text/csv; charset=utf-8";
        }
        else if (format == Excel)
        {
            await MiniExcel.SaveAsAsync(file, Rows(table), sheetName: "Sheet1", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        else
        {
            throw new ArgumentException($"'{format}' is not csv or xlsx.", nameof(format));
        }

        file.Position = 0;
        return Results.File(file, type, $"{table.Name}.{format}");
    }

    private static async Task WriteCsvAsync(ExportTable table, Stream file, CancellationToken cancellationToken)
    {
        using var data = new DataTable();
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column, typeof(string));
        }

        foreach (var row in table.Rows)
        {
            data.Rows.Add(row.Select(Text).ToArray<object>());
        }

        await using var text = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var writer = CsvDataWriter.Create(text);
        using var reader = data.CreateDataReader();
        await writer.WriteAsync(reader, cancellationToken);
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => SpreadsheetText.Safe(value.ToString() ?? string.Empty),
    };

    private static IEnumerable<Dictionary<string, object?>> Rows(ExportTable table) =>
        table.Rows.Select(row => table.Columns.Select((column, i) => (column, value: Cell(row[i]))).ToDictionary(x => x.column, x => x.value));

    // A workbook has no time zone: times go in as UTC, as the columns that hold them say.
    private static object? Cell(object? value) => value switch
    {
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset time => time.UtcDateTime,
        _ => value,
    };

    /// <summary>A download refused for its filter, as the page would refuse it: the field and what is wrong with it.</summary>
    public static IResult BadFilter(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The download's filter is not one the page offers.");
}
