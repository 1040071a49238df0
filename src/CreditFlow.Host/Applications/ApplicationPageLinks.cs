using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Host.Applications;

/// <summary>Links in mails to sales: <c>{PublicBaseUrl}/credit/applications/{id}</c>, the page that shows the application and takes what it waits for.</summary>
internal sealed class ApplicationPageLinks(Uri publicBaseUrl) : IApplicationLinks
{
    // Trailing slash trimmed, so a base with a path keeps that path (as for approval links).
    private readonly string _base = publicBaseUrl.AbsoluteUri.TrimEnd('/');

    public Uri Page(string applicationId) => new($"{_base}{Workspace.CreditApplications.ApplicationPageEndpoints.PathOf(applicationId)}");
}
