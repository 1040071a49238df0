using System.Globalization;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Rehearsal;

namespace CreditFlow.Host.Admin;

/// <summary>
/// <c>/admin/clock</c>: business time, and during a rehearsal buttons that move it ahead by a day, a week or a
/// month, so the dunning ladder of the seeded invoices plays out while one watches the outbox and the tasks.
/// </summary>
internal static class RehearsalPage
{
    private static readonly int[] Steps = [1, 7, 30];

    public static void MapRehearsalPage(this RouteGroupBuilder pages)
    {
        pages.MapGet("/clock", Show).WithName("AdminClock").WithSummary("Business time; advance it during a rehearsal.");
        pages.MapPost("/clock/advance", AdvanceAsync).WithName("AdminClockAdvance").WithSummary("Moves business time ahead during a rehearsal.");
    }

    public static IResult Show(HttpContext context, TimeProvider time)
    {
        var clock = context.RequestServices.GetService<RehearsalClock>();
        var now = time.GetUtcNow();
        var body = $"<h1>Business clock</h1><p class=\"lead\">Business time is <b id=\"business-time\">{Html.E(now.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture))}</b>.</p>";
        if (clock is null)
        {
            body += "<p class=\"muted\">This host runs on the real clock. To rehearse the dunning ladder, start it with <span class=\"mono\">Clock__Mode=Rehearsal</span> (never in production): business time can then be moved ahead from here.</p>";
            return AdminFrame.Page("Business clock", body, Flash.Take(context));
        }

        var ahead = clock.Offset.TotalDays;
        body += $"<p>Rehearsing: <b id=\"ahead\">{ahead.ToString("0.#", CultureInfo.InvariantCulture)} days</b> ahead of the real time. Moving ahead fires every reminder, task and warning that falls due by then, within the engine's polling interval; the mails appear in the outbox, the tasks on <a href=\"/credit/tasks\">the task list</a>.</p><p>";
        foreach (var days in Steps)
        {
            var label = days == 1 ? "+1 day" : $"+{days} days";
            body += $"<form class=\"inline\" method=\"post\" action=\"/admin/clock/advance\" data-confirm=\"Move business time {label} ahead?\">{AdminForms.ConfirmField}<input type=\"hidden\" name=\"days\" value=\"{days}\"><button type=\"submit\">{label}</button></form> ";
        }

        return AdminFrame.Page("Business clock", body + "</p>", Flash.Take(context));
    }

    public static async Task<IResult> AdvanceAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<RehearsalClock>() is not { } clock)
        {
            return Flash.RedirectWith(context, "/admin/clock", Flash.Error("This host runs on the real clock; business time cannot be moved."));
        }

        var form = await AdminForms.ReadAsync(context.Request, cancellationToken);
        if (form is null || !int.TryParse(form["days"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > RehearsalApi.MaxDays)
        {
            return Flash.RedirectWith(context, "/admin/clock", Flash.Error($"Days must be a whole number from 1 to {RehearsalApi.MaxDays}."));
        }

        if (!AdminForms.IsConfirmed(form))
        {
            return AdminForms.ConfirmPage($"Move business time {days} days ahead?", "/admin/clock/advance", form, "/admin/clock");
        }

        var now = await clock.AdvanceAsync(days, cancellationToken);
        return Flash.RedirectWith(context, "/admin/clock", Flash.Ok($"Business time moved {days} days ahead, to {now.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."));
    }
}
