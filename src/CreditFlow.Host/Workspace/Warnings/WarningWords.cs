using System.Globalization;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage.Warnings;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Workspace.Warnings;

/// <summary>How the warnings page says levels, actions, reasons and response times.</summary>
internal static class WarningWords
{
    /// <summary>The level as a CSS class and a badge's text: red, orange, yellow.</summary>
    public static string Css(WarningLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>An action in words, as the checkbox and the answered table say it.</summary>
    public static string Label(ResponseAction action) => action == ResponseAction.LossStopPlan ? "loss-stop plan" : Words(action);

    /// <summary>What an action means, as the checkbox's hint.</summary>
    public static string Hint(ResponseAction action) => action switch
    {
        ResponseAction.Collection => "Collect what is due, together with sales.",
        ResponseAction.FreezeLimit => "No new orders on credit.",
        ResponseAction.LegalInvolvement => "Legal reviews the case and contracts.",
        ResponseAction.AssetPreservation => "Secure the customer's assets before litigation.",
        ResponseAction.LossStopPlan => "Draw up a plan to stop the losses.",
        ResponseAction.Litigation => "Sue or arbitrate.",
        ResponseAction.CreditReview => "Re-rate the customer; review its limit and terms.",
        ResponseAction.CustomerVisit => "Visit the customer to find out what is going on.",
        _ => string.Empty,
    };

    /// <summary>The response time in hours, as the KPI counts it: "3 h", "27.5 h".</summary>
    public static string Hours(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h");

    /// <summary>The rule as applied, with the signal in words ("paymentDaysLengthening 21 at or above 15" → "payment days lengthening 21 …").</summary>
    public static string Reason(WarningRecord warning)
    {
        var kind = warning.Signal.Kind.ToString();
        return warning.Reason.StartsWith(kind, StringComparison.OrdinalIgnoreCase) ? Words(warning.Signal.Kind) + warning.Reason[kind.Length..] : warning.Reason;
    }
}
