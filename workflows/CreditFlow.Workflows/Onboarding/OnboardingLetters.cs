using System.Globalization;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>The words of every onboarding mail, apart from the workflow so the process reads without them.</summary>
internal static class OnboardingLetters
{
    /// <summary>To sales: what to send, where, and by when; the link opens the application's page with a form for it.</summary>
    public static OnboardingMail AskForData(CreditApplicationRequest a, IReadOnlyList<string> missing, DateTimeOffset giveUpAt, bool reminder) => new(
        a.SalesRepEmail,
        $"{(reminder ? "Reminder: " : string.Empty)}data needed for the credit application of {a.Customer.Name}",
        [
            $"The credit application {a.ApplicationId} of {a.Customer.Name} is on hold until you send the following:",
            string.Join(Environment.NewLine, missing.Select(m => "• " + m)),
            "Enter it on the application's page (the link below; sign in with your CreditFlow key), "
                + "or reply to this mail with the figures and the credit team will enter them.",
            $"Without it the application is given up on {Day(giveUpAt)}.",
        ],
        "Open the application",
        a.ApplicationId);

    /// <summary>To sales: the refusal, and where to ask for reconsideration while that is possible.</summary>
    public static OnboardingMail Refused(CreditApplicationRequest a, string reason, DateTimeOffset? reconsiderUntil) => new(
        a.SalesRepEmail,
        $"Credit refused: {a.Customer.Name}",
        [
            $"The credit application {a.ApplicationId} of {a.Customer.Name} was refused: {reason}.",
            reconsiderUntil is { } until
                ? $"You may ask the next tier up to reconsider until {Day(until)}: give your reason on the application's page (the link below), "
                    + "or reply to this mail with it and the credit team will pass it on."
                : "This decision is final.",
        ],
        reconsiderUntil is null ? null : "Open the application",
        a.ApplicationId);

    public static OnboardingMail Abandoned(CreditApplicationRequest a, IReadOnlyList<string> missing) => new(
        a.SalesRepEmail,
        $"Credit application given up: {a.Customer.Name}",
        [
            $"The credit application {a.ApplicationId} of {a.Customer.Name} was given up because this never arrived:",
            string.Join(Environment.NewLine, missing.Select(m => "• " + m)),
            "File a new application when the data is available.",
        ]);

    public static OnboardingMail TrialGranted(CreditApplicationRequest a, Money limit, int termDays, string conditions, DateTimeOffset trialEndsAt) => new(
        a.Customer.ContactEmail,
        "Your trial credit terms",
        [
            $"Dear {a.Customer.Name},",
            $"we are glad to open a trial credit line for you: a limit of {limit} with payment within {termDays} days of invoice.",
            $"Conditions: {conditions}. The trial period runs until {Day(trialEndsAt)}; after it we review the trial orders' payments and set your regular terms.",
        ]);

    public static OnboardingMail CreditGranted(CreditApplicationRequest a, Money limit, int termDays, string conditions) => new(
        a.Customer.ContactEmail,
        "Your credit terms",
        [
            $"Dear {a.Customer.Name},",
            $"after the trial period we have set your credit terms: a limit of {limit} with payment within {termDays} days of invoice.",
            $"Conditions: {conditions}. Orders that would take your open balance above the limit, or arrive while an invoice is overdue, are held for approval.",
        ]);

    private static string Day(DateTimeOffset at) => at.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
