namespace CreditFlow.Storage.Imports;

/// <summary>Where an import stands.</summary>
public enum ImportStatus
{
    /// <summary>Checked and accepted; its rows are being applied.</summary>
    Applying,

    /// <summary>Every row was applied (or was already there).</summary>
    Done,
}

/// <summary>
/// An import accepted after its check: who brought which file when, how many rows it has, how many are applied so far,
/// and what became of them.
/// </summary>
/// <param name="ImportId">Its id (also its workflow's).</param>
/// <param name="Kind">What the file holds.</param>
/// <param name="FileName">The file's name as uploaded.</param>
/// <param name="By">Who uploaded it.</param>
/// <param name="At">When.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Applied">Rows applied so far, in file order.</param>
/// <param name="AlreadyThere">Of those, rows that were already in CreditFlow with the same figures (a file imported again).</param>
/// <param name="Refused">Rows refused while applying (the ERP booked the same document with other figures after the check), with why.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="FinishedAt">When the last row was applied.</param>
public sealed record ImportRecord(
    string ImportId,
    ImportKind Kind,
    string FileName,
    string By,
    DateTimeOffset At,
    int Rows,
    int Applied,
    int AlreadyThere,
    IReadOnlyList<RefusedRow> Refused,
    ImportStatus Status,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The ETag it was read with.</summary>
    public string? ETag { get; init; }
}

/// <summary>A row refused while applying, and why.</summary>
public sealed record RefusedRow(int Row, string Problem);
