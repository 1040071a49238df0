using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.LegalCases;

namespace CreditFlow.Host.Workspace.Cases;

/// <summary>Everything the case page shows, read once, with what the signed-in role may do on the case.</summary>
/// <param name="Record">The case and its progress (whether the case file is built).</param>
/// <param name="Owed">What the ledger says is still owed on the case's invoices now.</param>
/// <param name="Invoices">Each invoice handed over with what is open on it now.</param>
/// <param name="WaitsFor">What the case waits for, in words (<see cref="CaseWords.WaitsFor"/>).</param>
/// <param name="WhoDecides">Who decides the approval waiting, once it has been asked; else null.</param>
/// <param name="MayDecide">The signed-in role may approve or reject it (its authority covers it).</param>
/// <param name="MayAccept">The signed-in role is legal's: it accepts the case and chooses its route.</param>
/// <param name="MayManage">The signed-in role may recall the case from its agency and propose a write-off.</param>
/// <param name="MayWithdraw">The signed-in role may withdraw the case.</param>
/// <param name="Agencies">The collection agencies configured; none leaves the agency route out.</param>
public sealed record CaseDetail(
    CaseRecord Record,
    Money Owed,
    IReadOnlyList<(CaseInvoice Invoice, Money Open)> Invoices,
    string WaitsFor,
    string? WhoDecides,
    bool MayDecide,
    bool MayAccept,
    bool MayManage,
    bool MayWithdraw,
    IReadOnlyList<string> Agencies)
{
    public LegalCase Case => Record.Case;
}
