using System.Globalization;
using System.Net;
using System.Text;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// The credit report: one self-contained HTML page with the customer, the application, the score
/// and how each factor scored, the class, the proposed limit and terms, and the approvals so far.
/// </summary>
public static class CreditReport
{
    /// <summary>Renders the report of <paramref name="assessment"/>.</summary>
    public static string Render(CreditApplicationRequest application, CreditAssessment assessment, IReadOnlyList<ApprovalDecision> approvals, DateTimeOffset writtenAt)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(approvals);
        var c = application.Customer;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Credit report — {E(c.Name)}</title>
            {Style}
            <h1>Credit report — {E(c.Name)}</h1>
            <p>{E(assessment.Phase == AssessmentPhase.Final ? "Final assessment after the trial period" : "Assessment at application")},
            written {E(writtenAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} for application {E(application.ApplicationId)}.</p>
            <h2>Customer</h2><table>
            <tr><th>Customer id</th><td>{E(c.Id)}</td></tr>
            <tr><th>Registration number</th><td>{E(c.RegistrationNumber)}</td></tr>
            <tr><th>Actual controller</th><td>{E(c.ActualController ?? "unknown")}</td></tr>
            <tr><th>Industry</th><td>{E(c.Industry ?? "unknown")}</td></tr>
            <tr><th>Annual sales</th><td>{E(c.AnnualSales?.ToString() ?? "not given")}</td></tr>
            </table>
            <h2>Application</h2><table>
            <tr><th>Requested limit</th><td>{E(application.RequestedLimit.ToString())}</td></tr>
            <tr><th>Requested term</th><td>{application.RequestedTermDays} days</td></tr>
            <tr><th>Filed by</th><td>{E(application.FiledBy)} ({E(application.SalesRepEmail)})</td></tr>
            <tr><th>Impression report</th><td>{E(application.ImpressionReport)}</td></tr>
            <tr><th>Reason given for a customer below standard</th><td>{E(application.BelowStandardReason ?? "none")}</td></tr>
            </table>
            <h2>Score: {assessment.Score.ToString("0.##", CultureInfo.InvariantCulture)} — class {assessment.Class}</h2>
            <p>{E(assessment.ClassReason)}. Model {E(assessment.ModelId)} version {E(assessment.ModelVersion)}.</p>
            <table><tr><th>Dimension</th><th>Factor</th><th>Value</th><th>Rule applied</th><th>Points</th><th>Contribution</th></tr>
            """);
        foreach (var f in assessment.Factors)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(f.Dimension)}</td><td>{E(f.Factor)}</td><td class=n>{E(f.Value?.ToString(CultureInfo.InvariantCulture) ?? "missing")}</td><td>{E(f.Rule)}</td><td class=n>{N(f.Points)}</td><td class=n>{N(f.Contribution)}</td></tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </table>
            <h2>Proposal</h2><table>
            <tr><th>Trial limit</th><td>{E(assessment.TrialLimit.ToString())} — {E(assessment.TrialReason)}</td></tr>
            <tr><th>Proposed limit</th><td>{E(assessment.ProposedLimit.ToString())} — {E(assessment.LimitFormula)}</td></tr>
            <tr><th>Term</th><td>{assessment.TermDays} days</td></tr>
            <tr><th>Conditions</th><td>{E(assessment.Conditions)}</td></tr>
            <tr><th>Below the credit standard</th><td>{(assessment.BelowCreditStandard ? "yes" : "no")}</td></tr>
            </table>
            <h2>Approvals</h2>
            """);
        if (approvals.Count == 0)
        {
            html.Append("<p>None yet.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Step</th><th>Decision</th><th>By</th><th>When</th><th>Comment</th></tr>");
            foreach (var a in approvals)
            {
                var outcome = a.ApprovedAmount is { } amount ? $"{a.Outcome} ({amount})" : a.Outcome.ToString();
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(a.Step)}</td><td>{E(outcome)}</td><td>{E(a.DecidedBy)} ({a.DecidedByRole})</td><td>{E(a.DecidedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}</td><td>{E(a.Comment)}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private const string Style = """
        <style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
        th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>
        """;

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
