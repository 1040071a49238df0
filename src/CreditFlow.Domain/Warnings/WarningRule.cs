using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Warnings;

/// <summary>When a signal raises a warning, at which level, and who does what by when.</summary>
public sealed record WarningRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="name">Business name, e.g. <c>overdue 30 days without explanation</c>.</param>
    /// <param name="signal">The signal it watches.</param>
    /// <param name="threshold">The value at which it fires.</param>
    /// <param name="strictlyAbove">True: fires when the value is above the threshold ("over 50 %"); false: at or above ("30 days").</param>
    /// <param name="level">The warning level raised.</param>
    /// <param name="actions">The response; at least one.</param>
    /// <param name="responsible">The role that must respond.</param>
    /// <param name="responseTime">How long the role has to respond; positive.</param>
    /// <param name="ignoreWhenExplained">True when a reasonable explanation from the customer stops the rule.</param>
    /// <exception cref="ArgumentException">Empty name or no actions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Response time not positive.</exception>
    public WarningRule(string name, SignalKind signal, decimal threshold, bool strictlyAbove, WarningLevel level, IReadOnlyList<ResponseAction> actions, CreditRole responsible, TimeSpan responseTime, bool ignoreWhenExplained)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            throw new ArgumentException("A warning rule needs at least one response action.", nameof(actions));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(responseTime, TimeSpan.Zero);
        (Name, Signal, Threshold, StrictlyAbove, Level) = (name, signal, threshold, strictlyAbove, level);
        (Actions, Responsible, ResponseTime, IgnoreWhenExplained) = (actions.ToArray(), responsible, responseTime, ignoreWhenExplained);
    }

    /// <summary>Business name.</summary>
    public string Name { get; }

    /// <summary>The signal it watches.</summary>
    public SignalKind Signal { get; }

    /// <summary>The value at which it fires.</summary>
    public decimal Threshold { get; }

    /// <summary>True: fires above the threshold; false: at or above it.</summary>
    public bool StrictlyAbove { get; }

    /// <summary>The warning level raised.</summary>
    public WarningLevel Level { get; }

    /// <summary>The response.</summary>
    public IReadOnlyList<ResponseAction> Actions { get; }

    /// <summary>The role that must respond.</summary>
    public CreditRole Responsible { get; }

    /// <summary>How long the role has to respond.</summary>
    public TimeSpan ResponseTime { get; }

    /// <summary>True when a reasonable explanation stops the rule.</summary>
    public bool IgnoreWhenExplained { get; }

    /// <summary>True when <paramref name="signal"/> triggers this rule.</summary>
    public bool Matches(CreditSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.Kind == Signal
            && (StrictlyAbove ? signal.Value > Threshold : signal.Value >= Threshold)
            && !(IgnoreWhenExplained && signal.Explained);
    }

    /// <summary>The condition in words, e.g. <c>daysOverdue 35 at or above 30</c>.</summary>
    internal string Describe(CreditSignal signal) =>
        $"{Signal} {ConfigurationReader.Format(signal.Value)} {(StrictlyAbove ? "above" : "at or above")} {ConfigurationReader.Format(Threshold)}"
        + (IgnoreWhenExplained ? " without a reasonable explanation" : string.Empty);
}
