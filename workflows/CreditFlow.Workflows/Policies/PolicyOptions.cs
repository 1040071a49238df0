using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.Policies;

/// <summary>Credit policy settings (section <c>Policies</c>).</summary>
public sealed class PolicyOptions
{
    /// <summary>
    /// How old the versions a process decides under may get before it reads them again. An approval in the same
    /// process is seen at once; other processes see it within this time. Default 30 seconds.
    /// </summary>
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>How many past days an impact simulation replays when not told. Default 30.</summary>
    [Range(1, 366)]
    public int SimulationDays { get; set; } = 30;

    /// <summary>The most orders a simulation lists one by one (the counts cover them all). Default 500.</summary>
    [Range(10, 10_000)]
    public int SimulationListed { get; set; } = 500;

    /// <summary>The company's currency, in which the committee's approval mail states a policy's amount (none: zero).</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "CNY";
}
