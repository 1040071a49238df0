namespace CreditFlow.Workflows.Onboarding;

/// <summary>Makes the link to an application's page for mails to sales; the host knows its public address.</summary>
public interface IApplicationLinks
{
    /// <summary>An absolute URL of the page where a signed-in user sees application <paramref name="applicationId"/> and answers what it waits for.</summary>
    Uri Page(string applicationId);
}
