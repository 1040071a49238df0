using CreditFlow.Workflows.LegalHandoff;

namespace CreditFlow.Host.Cases;

/// <summary>The addresses of a case under the host's public address (a path under its own, if it has one).</summary>
internal sealed class CaseLinks(Uri publicBaseUrl) : ICaseLinks
{
    private readonly string _base = publicBaseUrl.AbsoluteUri.TrimEnd('/');

    public Uri Page(string caseId) => new($"{_base}/credit/cases/{Uri.EscapeDataString(caseId)}");

    public Uri CaseFile(string caseId) => new($"{_base}/api/agency/cases/{Uri.EscapeDataString(caseId)}/file");

    public Uri AgencyEvents => new($"{_base}/api/agency/events");
}
