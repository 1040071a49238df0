using CreditFlow.Host.Credit;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Customers;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Host.Workspace.Policies;

/// <summary>
/// <c>GET /credit/policies/{version}/{table}.{csv|xlsx}</c>: one of the impact tables of the version's page — its orders,
/// applications or moved invoices, the rows the page lists — read from the simulation kept with the version, so a
/// download runs nothing again; for any signed-in credit user (as the page). Not found before a simulation.
/// </summary>
internal static class PolicyImpactExport
{
    /// <summary>The tables, as their names appear in the address (the ids of the page's tables).</summary>
    public const string Orders = "impact-orders", Applications = "impact-applications", Invoices = "impact-invoices";

    public static async Task<IResult> DownloadAsync(HttpContext http, PolicyDrafts drafts, CustomerRepository customers, int version, string table, string format)
    {
        var cancellationToken = http.RequestAborted;
        if (!TableFiles.IsFormat(format) || table is not (Orders or Applications or Invoices)
            || await drafts.VersionAsync(version, cancellationToken) is not { } record || PolicyDrafts.KeptSimulation(record) is not { } s)
        {
            return TypedResults.NotFound();
        }

        var name = $"policy-{version}-{table}-{Figures.Iso(DateOnly.FromDateTime(s.RanAt.UtcDateTime))}";
        var invoices = s.Invoices.Where(i => i.Changed).ToList();
        var names = await WorklistText.NamesAsync(
            table switch
            {
                Orders => s.Orders.Select(o => o.CustomerId),
                Applications => s.Applications.Select(a => a.Then.CustomerId),
                _ => invoices.Select(i => i.CustomerId),
            },
            customers,
            cancellationToken);
        var file = table switch
        {
            Orders => new ExportTable(
                name,
                ["Checked", "Customer id", "Customer", "Order", "Amount", "On credit", "Currency", "Then", "Version then", "Under this version", "Why it would be held"],
                s.Orders.Select(o => new object?[]
                {
                    o.Day, o.CustomerId, names.GetValueOrDefault(o.CustomerId), o.OrderId, o.Amount.Amount, o.CreditPart.Amount, o.Amount.Currency.Code,
                    PolicyWords.Outcome(o.PassedThen, o.ApproverThen), o.VersionThen, PolicyWords.Outcome(o.PassesUnderDraft, o.ApproverUnderDraft), string.Join("; ", o.ReasonsUnderDraft),
                }).ToList()),
            Applications => new ExportTable(
                name,
                ["Scored", "Phase", "Customer id", "Customer", "Application", "Score then", "Version then", "Score under this version", "Figures it would ask for", "Class then", "Class under this version",
                    "Trial limit then", "Trial limit under this version", "Proposed limit then", "Proposed limit under this version", "Currency"],
                s.Applications.Select(a => new object?[]
                {
                    a.Then.Day, a.Then.Phase, a.Then.CustomerId, names.GetValueOrDefault(a.Then.CustomerId), a.Then.ApplicationId, a.Then.Score, a.Then.PolicyVersion, a.ScoreUnderDraft,
                    string.Join("; ", a.MissingUnderDraft), a.Then.Class.ToString(), a.ClassUnderDraft?.ToString(),
                    a.Then.TrialLimit.Amount, a.TrialLimitUnderDraft.Amount, a.Then.ProposedLimit.Amount, a.ProposedLimitUnderDraft?.Amount, a.Then.TrialLimit.Currency.Code,
                }).ToList()),
            _ => new ExportTable(
                name,
                ["Due", "Customer id", "Customer", "Invoice", "Open", "Currency", "Its ladder", "Version then", "This version's"],
                invoices.Select(i => new object?[]
                {
                    i.DueDate, i.CustomerId, names.GetValueOrDefault(i.CustomerId), i.InvoiceId, i.Open.Amount, i.Open.Currency.Code,
                    PolicyWords.Standing(i.StepThen, i.NextThen), i.VersionThen, PolicyWords.Standing(i.StepUnderDraft, i.NextUnderDraft),
                }).ToList()),
        };
        return await TableFiles.DownloadAsync(file, format, cancellationToken);
    }
}
