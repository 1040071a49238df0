using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary>Reading posted forms and the confirmation step every admin action goes through.</summary>
internal static class AdminForms
{
    /// <summary>The posted form, or null when the body is not a form.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;

    /// <summary>True when the form says <c>confirm=yes</c>: the user has seen and accepted the question.</summary>
    public static bool IsConfirmed(IFormCollection form) => form["confirm"] == "yes";

    /// <summary>
    /// The page that asks before an action: it posts the same fields again (with a fresh form token), with <c>confirm=yes</c>,
    /// to <paramref name="action"/>; Cancel goes back to <paramref name="cancelHref"/>.
    /// </summary>
    public static RazorComponentResult<ConfirmPage> ConfirmPage(string question, string action, IFormCollection form, string cancelHref) =>
        new(new
        {
            Question = question,
            Action = action,
            Fields = form.Where(f => f.Key is not "confirm" and not FormTokenFilter.FieldName).SelectMany(f => f.Value.Select(v => (f.Key, v ?? ""))).ToList(),
            CancelHref = cancelHref,
        });

    /// <summary>The answer to a POST that is not a form.</summary>
    public static RazorComponentResult<AdminNotice> NotAForm() =>
        new(new { Title = "Bad request", Text = "Expected a posted form." }) { StatusCode = StatusCodes.Status400BadRequest };
}
