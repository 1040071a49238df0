using System.Net;
using Microsoft.DurableTask;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>A plain onboarding mail: to sales (data requests, outcomes) or to the customer (the granted policy).</summary>
/// <param name="Paragraphs">The body, one paragraph each; plain text, encoded for the HTML part.</param>
/// <param name="PageLinkText">When set, the mail ends with a link of this text to the application's page (<see cref="IApplicationLinks"/>).</param>
/// <param name="ApplicationId">The application whose page the link opens.</param>
/// <param name="MailKey">Names this mail so that a retried send goes out once (see <see cref="Mail.MailKey"/>).</param>
public sealed record OnboardingMail(string To, string Subject, IReadOnlyList<string> Paragraphs, string? PageLinkText = null, string? ApplicationId = null, string? MailKey = null);

/// <summary>Sends an onboarding mail once, keyed by the name the orchestrator gave it.</summary>
public sealed class SendOnboardingMail(IWorkflowMail mail, IApplicationLinks pages) : TaskActivity<OnboardingMail, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, OnboardingMail input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var page = input is { PageLinkText: { } linkText, ApplicationId: { } id } ? new WorkflowMailLink(linkText, pages.Page(id)) : null;
        var html = string.Concat(input.Paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))
            + (page is null ? string.Empty : $"<p><a href=\"{WebUtility.HtmlEncode(page.Url.AbsoluteUri)}\">{WebUtility.HtmlEncode(page.Text)}</a></p>");
        var text = string.Join(Environment.NewLine + Environment.NewLine, page is null ? input.Paragraphs : [.. input.Paragraphs, $"{page.Text}: {page.Url.AbsoluteUri}"]);
        await mail.SendAsync(new WorkflowMail(input.To, input.Subject, html, text, page is null ? [] : [page]), input.MailKey ?? MailKey.Of(context, input), CancellationToken.None);
        return true;
    }
}
