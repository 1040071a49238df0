using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>Legal handoff settings (section <c>LegalCases</c>); the agencies are configured under <c>Agencies</c>.</summary>
public sealed class LegalCaseOptions
{
    /// <summary>
    /// How long a case may go without anything happening before legal gets a task to look at it, and again after each
    /// such task. Default 14 days: an agency reports at least fortnightly, and a court case has a hearing to prepare.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "180.00:00:00")]
    public TimeSpan SilenceBeforeTask { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long legal has to accept a case and choose its route. Default 2 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan AcceptWithin { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The first wait before an agency that did not answer is tried again; it doubles to at most an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AgencyRetry { get; set; } = TimeSpan.FromMinutes(5);
}
