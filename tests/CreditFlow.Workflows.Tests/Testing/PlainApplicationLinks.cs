using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>Readable application links; the page itself is the host's.</summary>
internal sealed class PlainApplicationLinks : IApplicationLinks
{
    public Uri Page(string applicationId) => new($"http://pages.test/applications/{Uri.EscapeDataString(applicationId)}");
}
