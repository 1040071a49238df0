using System.Globalization;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Rehearsal;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary>
/// <c>/admin/clock</c> (<see cref="RehearsalPage"/>): business time, and during a rehearsal buttons that move it ahead by a day, a week or a
/// month, so the dunning ladder of the seeded invoices plays out while one watches the outbox and the tasks.
/// </summary>
internal static class RehearsalPageEndpoints
{
    private static readonly int[] Steps = [1, 7, 30];

    public static void MapRehearsalPage(this RouteGroupBuilder pages)
    {
        pages.MapGet("/clock", Show).WithName("AdminClock").WithSummary("Business time; advance it during a rehearsal.");
        pages.MapPost("/clock/advance", AdvanceAsync).WithName("AdminClockAdvance").WithSummary("Moves business time ahead during a rehearsal.");
    }

    public static RazorComponentResult<RehearsalPage> Show(HttpContext context, TimeProvider time) =>
        new(new
        {
            BusinessTime = time.GetUtcNow(),
            DaysAhead = context.RequestServices.GetService<RehearsalClock>()?.Offset.TotalDays,
            Steps,
            Message = PageMessage.From(Flash.Take(context)),
        });

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
            return AdminForms.ConfirmPage($"Move business time {Days(days)} ahead?", "/admin/clock/advance", form, "/admin/clock");
        }

        var now = await clock.AdvanceAsync(days, cancellationToken);
        return Flash.RedirectWith(context, "/admin/clock", Flash.Ok($"Business time moved {Days(days)} ahead, to {now.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."));
    }

    /// <summary>A number of days as people say it: "1 day", "7 days".</summary>
    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
}
