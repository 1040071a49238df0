namespace CreditFlow.Host.Workspace.Export;

/// <summary>
/// A table of the workspace as a file takes it: named columns and rows of plain values — text, <see cref="decimal"/>
/// amounts and numbers, <see cref="DateOnly"/> dates, <see cref="DateTimeOffset"/> times (written in UTC), <see cref="int"/>
/// counts, or null for nothing.
/// </summary>
/// <param name="Name">The file's name without extension, e.g. <c>aging-by-customer-CNY-2026-03-20</c>.</param>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
