namespace CreditFlow.Host.Workspace.Export;

/// <summary>Text as a CSV cell that a spreadsheet opens as text, never as a formula.</summary>
public static class SpreadsheetText
{
    // A spreadsheet reads a cell starting with one of these as a formula; names and reasons come from customers and the ERP.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// <paramref name="text"/> as it is, or behind an apostrophe when a spreadsheet would take it for a formula
    /// (OWASP "CSV injection"): the apostrophe is what spreadsheets themselves use to mark a cell as text.
    /// </summary>
    public static string Safe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
    }
}
