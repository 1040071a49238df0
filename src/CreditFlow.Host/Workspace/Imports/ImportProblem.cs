namespace CreditFlow.Host.Workspace.Imports;

/// <summary>What is wrong with an import file, where: its row as a spreadsheet shows it (the header is row 1; 0 for the file as a whole) and its column.</summary>
public sealed record ImportProblem(int Row, string? Column, string Problem);
