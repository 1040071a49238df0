using System.Net;
using CreditFlow.Durable;
using CreditFlow.Workflows.Mail;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>A plain onboarding mail: to sales (data requests, outcomes) or to the customer (the granted policy).</summary>
/// <param name="Paragraphs">The body, one paragraph each; plain text, encoded for the HTML part.</param>
/// <param name="PageLinkText">When set, the mail ends with a link of this text to the application's page (<see cref="IApplicationLinks"/>).</param>
/// <param name="ApplicationId">The application whose page the link opens.</param>
public sealed record OnboardingMail(string To, string Subject, IReadOnlyList<string> Paragraphs, string? PageLinkText = null, string? ApplicationId = null);

/// <summary>Sends an onboarding mail once, keyed by the activity's idempotency key.</summary>
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
        await mail.SendAsync(new WorkflowMail(input.To, input.Subject, html, text, page is null ? [] : [page]), context.IdempotencyKey, CancellationToken.None);
        return true;
    }
}
