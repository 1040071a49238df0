using CreditFlow.Host.Admin;
using CreditFlow.Host.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Mail;

/// <summary><c>/admin/outbox</c> (<see cref="OutboxPage"/>): the local outbox for people, links clickable. Development only, admin sign-in required.</summary>
internal static class OutboxPageEndpoints
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

    public static async Task<RazorComponentResult<OutboxPage>> RenderAsync(LocalOutboxMailSender outbox, CancellationToken cancellationToken)
    {
        var mails = await outbox.ListAsync(cancellationToken);
        return new RazorComponentResult<OutboxPage>(new
        {
            Mails = mails.Select(m => new OutboxMail(m.Subject, m.StoredAt, m.From, m.To, m.TextBody, m.Links.Select(Shown).ToList())).ToList(),
        });
    }

    // Only web links and paths on this site become anchors: a javascript: or data: URL stays text.
    private static OutboxLink Shown(MailLink link)
    {
        var url = link.Url.IsAbsoluteUri ? link.Url.AbsoluteUri : link.Url.OriginalString;
        var clickable = link.Url.IsAbsoluteUri
            ? link.Url.Scheme == Uri.UriSchemeHttp || link.Url.Scheme == Uri.UriSchemeHttps
            : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
        return new OutboxLink(link.Text, url, clickable);
    }
}
