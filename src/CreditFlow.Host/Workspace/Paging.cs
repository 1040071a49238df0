using System.Globalization;
using Flash = CreditFlow.Host.Pages.Flash;

namespace CreditFlow.Host.Workspace;

/// <summary>
/// One page of a long worklist: which rows it shows of how many. A worklist reads its rows once (the counts above it
/// are of all of them) and renders one page, so a list of thousands stays a page a browser opens at once — and the
/// customer names behind it are read for that page only.
/// </summary>
/// <param name="Number">The page shown, from 1.</param>
/// <param name="Size">Rows per page.</param>
/// <param name="Total">Rows in the whole list.</param>
public sealed record Paging(int Number, int Size, int Total)
{
    /// <summary>Rows per page of the worklists.</summary>
    public const int RowsPerPage = 50;

    /// <summary>How many pages the list fills (at least one).</summary>
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    /// <summary>The first row shown, from 1; 0 for an empty list.</summary>
    public int FirstRow => Total == 0 ? 0 : ((Number - 1) * Size) + 1;

    /// <summary>The last row shown.</summary>
    public int LastRow => Math.Min(Number * Size, Total);

    /// <summary>
    /// The page asked for in <paramref name="page"/> (the query's text) of a list of <paramref name="total"/> rows:
    /// one past the end shows the last, and text that is no page number is a problem to show, said of the field "page"
    /// (the first page is shown).
    /// </summary>
    public static (Paging Paging, string? Problem) Read(string? page, int total, int size = RowsPerPage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var first = new Paging(1, size, total);
        if (string.IsNullOrEmpty(page))
        {
            return (first, null);
        }

        return int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? (first with { Number = Math.Min(number, first.Pages) }, null)
            : (first, $"must be a whole number from 1 (was \"{page}\"); showing the first");
    }

    /// <summary>
    /// As <see cref="Read(string?, int, int)"/>, with a problem said as the page's message ("The page must be …") unless
    /// the page already has one to show.
    /// </summary>
    internal static Paging Read(string? page, int total, ref Flash? message)
    {
        var (paging, problem) = Read(page, total);
        if (problem is not null)
        {
            message ??= Flash.Error($"The page {problem}.");
        }

        return paging;
    }

    /// <summary>The rows of this page from the whole list.</summary>
    public IReadOnlyList<T> Of<T>(IEnumerable<T> rows) => rows.Skip((Number - 1) * Size).Take(Size).ToList();
}
