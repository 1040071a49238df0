using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Pages;

/// <summary>
/// The one layout of every page the host renders — admin, credit, approval pages and the API
/// reference: doctype, viewport, title, the area's inline style, its header, a one-time message if
/// any, the body, the area's script if it has one. Areas differ only in their <see cref="PageFrame"/>.
/// Every value in the title and message is encoded here; the body and header come encoded.
/// </summary>
internal static class PageLayout
{
    /// <summary>The page as HTML text.</summary>
    public static string Render(PageFrame frame, string title, string body, Flash? flash = null, int? refreshSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        if (frame.NoIndex)
        {
            html.Append("<meta name=\"robots\" content=\"noindex,nofollow\">");
        }

        if (refreshSeconds is { } seconds)
        {
            html.Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"refresh\" content=\"{seconds}\">");
        }

        var fullTitle = frame.Name is null ? title : $"{title} · {frame.Name}";
        html.Append(CultureInfo.InvariantCulture, $"<title>{Html.E(fullTitle)}</title><style>{frame.Style}</style></head>")
            .Append("<body><header>").Append(frame.HeaderHtml).Append("</header><main>");
        if (flash is not null)
        {
            var dismiss = flash.DismissHref is { } href ? $" <a class=\"dismiss\" href=\"{Html.E(href)}\">Dismiss</a>" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"flash {(flash.IsError ? "error" : "ok")}\" role=\"status\">{Html.E(flash.Message)}{dismiss}</div>");
        }

        html.Append(body).Append("</main>");
        if (frame.Script is { } script)
        {
            html.Append("<script>").Append(script).Append("</script>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>The page as a response with <paramref name="statusCode"/>.</summary>
    public static ContentHttpResult Page(PageFrame frame, string title, string body, Flash? flash = null, int statusCode = StatusCodes.Status200OK, int? refreshSeconds = null) =>
        TypedResults.Content(Render(frame, title, body, flash, refreshSeconds), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
}
