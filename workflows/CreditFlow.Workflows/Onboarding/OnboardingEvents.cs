namespace CreditFlow.Workflows.Onboarding;

/// <summary>Names of the events an onboarding instance waits for, raised by the applications API.</summary>
public static class OnboardingEvents
{
    /// <summary>Sales supplied missing data; payload <see cref="SuppliedData"/>.</summary>
    public const string DataSupplied = "DataSupplied";

    /// <summary>The applicant asks a refused decision to be heard one tier up; payload <see cref="ReconsiderationRequest"/>.</summary>
    public const string ReconsiderationRequested = "ReconsiderationRequested";
}

/// <summary>Data sales sends after being asked: further figures and, for a customer below standard, the written reason.</summary>
public sealed record SuppliedData(
    IReadOnlyDictionary<string, decimal> FinancialFigures,
    string? BelowStandardReason,
    string SuppliedBy,
    DateTimeOffset SuppliedAt);

/// <summary>A request to reconsider a refusal.</summary>
public sealed record ReconsiderationRequest(string Reason, string RequestedBy, DateTimeOffset RequestedAt);
