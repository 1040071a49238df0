using System.Text;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Mail;

/// <summary><c>/admin/outbox</c>: the local outbox for people, links clickable. Development only, admin sign-in required.</summary>
internal static class OutboxPage
{
    public static RouteGroupBuilder MapOutboxPage(this IEndpointRouteBuilder app)
    {
        // Development first: outside it the page does not exist, signed in or not.
        var page = app.MapGroup("/admin/outbox")
            .AddEndpointFilter(DevelopmentOnly.FilterAsync)
            .GuardedAsAdminPages()
            .AddEndpointFilter(AdminGuard.SignedInAsync)
            .ExcludeFromDescription();
        page.MapGet("", RenderAsync).WithName("AdminOutbox").WithSummary("The local outbox with clickable links.");
        return page;
    }

    public static async Task<ContentHttpResult> RenderAsync(LocalOutboxMailSender outbox, CancellationToken cancellationToken)
    {
        var mails = await outbox.ListAsync(cancellationToken);
        var body = new StringBuilder("<h1>Outbox</h1><p class=\"muted\">Mails the local outbox stored instead of sending (no SendGrid key is set), newest first.</p>");
        if (mails.Count == 0)
        {
            body.Append("<p>No mails yet.</p>");
        }

        foreach (var mail in mails)
        {
            body.Append("<fieldset><p>")
                .Append($"<b>{Html.E(mail.Subject)}</b><br>")
                .Append($"<span class=\"muted\">{Html.Time(mail.StoredAt)} · from {Html.E(mail.From)} to {Html.E(mail.To)}</span></p>");
            if (mail.Links.Count > 0)
            {
                body.Append("<ul>");
                foreach (var link in mail.Links)
                {
                    body.Append("<li>").Append(LinkHtml(link)).Append("</li>");
                }

                body.Append("</ul>");
            }

            body.Append($"<pre>{Html.E(mail.TextBody)}</pre></fieldset>");
        }

        return AdminFrame.Page("Outbox", body.ToString());
    }

    // Only web links and paths on this site become anchors: a javascript: or data: URL stays text.
    private static string LinkHtml(MailLink link)
    {
        var url = link.Url.IsAbsoluteUri ? link.Url.AbsoluteUri : link.Url.OriginalString;
        var clickable = link.Url.IsAbsoluteUri
            ? link.Url.Scheme == Uri.UriSchemeHttp || link.Url.Scheme == Uri.UriSchemeHttps
            : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
        return clickable
            ? $"<a href=\"{Html.E(url)}\">{Html.E(link.Text)}</a> <span class=\"muted mono\">{Html.E(url)}</span>"
            : $"{Html.E(link.Text)} <span class=\"mono\">{Html.E(url)}</span>";
    }
}
