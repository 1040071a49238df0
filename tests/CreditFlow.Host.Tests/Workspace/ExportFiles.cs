using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>What the export tests read: a list's CSV as rows of cells, its Excel file as rows, and the ids a page lists.</summary>
internal static partial class ExportFiles
{
    /// <summary>The CSV at <paramref name="path"/>: its header, then one array of cells per row.</summary>
    public static async Task<List<string[]>> CsvAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var text = new StringReader((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        await using var csv = await CsvDataReader.CreateAsync(text);
        var rows = new List<string[]> { Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray() };
        while (await csv.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }

        return rows;
    }

    /// <summary>
    /// Asserts that the workbook at <paramref name="path"/> holds the same rows as <paramref name="csv"/>: numbers as
    /// numbers, dates and times as dates, text as text (the CSV's apostrophe before a formula-like text is the CSV's own).
    /// </summary>
    public static async Task AssertExcelHoldsAsync(HttpClient browser, string path, List<string[]> csv)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        await using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(workbook, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(csv.Count - 1, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < csv[0].Length; c++)
            {
                var (text, cell) = (csv[r + 1][c], rows[r][csv[0][c]]);
                switch (cell)
                {
                    case null:
                        Assert.Equal("", text);
                        break;
                    case DateTime time:
                        Assert.Equal(DateTime.Parse(text, CultureInfo.InvariantCulture), time);
                        break;
                    case string s:
                        Assert.Equal(text, text.StartsWith('\'') && !s.StartsWith('\'') ? "'" + s : s);
                        break;
                    default:
                        Assert.Equal(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), Convert.ToDecimal(cell, CultureInfo.InvariantCulture));
                        break;
                }
            }
        }
    }

    /// <summary>A page's HTML at <paramref name="path"/>.</summary>
    public static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The values of <paramref name="attribute"/> in <paramref name="html"/>, in order (HTML-decoded).</summary>
    public static List<string> Ids(string html, string attribute) =>
        new Regex($"\\b{Regex.Escape(attribute)}=\"([^\"]*)\"").Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The first column of the rows of <paramref name="csv"/> (its header left out).</summary>
    public static List<string> FirstColumn(List<string[]> csv) => csv.Skip(1).Select(row => row[0]).ToList();

    /// <summary>
    /// Asserts the file lists what the page does, in its order: the same rows when the page shows them all, the page's
    /// rows first and more after them when it shows one page of several.
    /// </summary>
    public static void AssertListed(List<string> onPage, List<string> inFile, bool paged)
    {
        Assert.NotEmpty(onPage);
        if (paged)
        {
            Assert.Equal(onPage, inFile.Take(onPage.Count));
            Assert.True(inFile.Count > onPage.Count, $"the file has {inFile.Count} rows, the page alone {onPage.Count}");
        }
        else
        {
            Assert.Equal(onPage, inFile);
        }
    }

    /// <summary>Asserts a browser that is not signed in is sent to the sign-in and gets no file.</summary>
    public static async Task AssertRefusedSignedOutAsync(Uri site, string path)
    {
        using var visitor = Security.FormPosts.Browser(site);
        using var response = await visitor.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/credit/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }
}
