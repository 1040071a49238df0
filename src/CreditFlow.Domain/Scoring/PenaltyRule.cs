using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <summary>
/// Starts at <see cref="StartPoints"/> and deducts <see cref="PointsPerStep"/> for every
/// <see cref="Step"/> the value lies past <see cref="WarningLine"/>.
/// </summary>
/// <remarks>
/// The article's example: debt-to-asset ratio, warning line 60 %, every 10 points above it costs
/// 15 points. The factor's floor and ceiling then bound the result.
/// </remarks>
public sealed record PenaltyRule : FactorRule
{
    /// <summary>Creates the rule.</summary>
    /// <exception cref="ArgumentException">Start points outside 0..100, a step that is not positive or a negative penalty.</exception>
    public PenaltyRule(decimal startPoints, decimal warningLine, decimal step, decimal pointsPerStep, PenaltyDirection direction, PenaltyCounting counting)
    {
        var problems = new List<ConfigurationProblem>();
        Check(startPoints, step, pointsPerStep, "penalty", problems);
        ConfigurationReader.ThrowArgumentIfAny(problems, nameof(startPoints));
        (StartPoints, WarningLine, Step, PointsPerStep, Direction, Counting) = (startPoints, warningLine, step, pointsPerStep, direction, counting);
    }

    /// <summary>Points at or inside the warning line.</summary>
    public decimal StartPoints { get; }

    /// <summary>The value past which points are lost.</summary>
    public decimal WarningLine { get; }

    /// <summary>The distance past the line that costs <see cref="PointsPerStep"/>.</summary>
    public decimal Step { get; }

    /// <summary>Points lost per step.</summary>
    public decimal PointsPerStep { get; }

    /// <summary>Which side of the line is penalised.</summary>
    public PenaltyDirection Direction { get; }

    /// <summary>How partial steps count.</summary>
    public PenaltyCounting Counting { get; }

    /// <inheritdoc />
    public override decimal? Apply(decimal value, out string explanation)
    {
        var excess = Direction == PenaltyDirection.Above ? value - WarningLine : WarningLine - value;
        var side = Direction == PenaltyDirection.Above ? "above" : "below";
        if (excess <= 0m)
        {
            explanation = $"{ConfigurationReader.Format(value)} is not {side} the warning line {ConfigurationReader.Format(WarningLine)}: {ConfigurationReader.Format(StartPoints)}";
            return StartPoints;
        }

        var steps = Counting switch
        {
            PenaltyCounting.WholeSteps => Math.Floor(excess / Step),
            PenaltyCounting.StartedSteps => Math.Ceiling(excess / Step),
            _ => excess / Step,
        };

        // Past the point where nothing is left, more steps change nothing; capping keeps decimal from overflowing.
        var enough = PointsPerStep == 0m ? 0m : (StartPoints / PointsPerStep) + 1m;
        var points = StartPoints - (Math.Min(steps, enough) * PointsPerStep);
        explanation = $"{ConfigurationReader.Format(value)} is {ConfigurationReader.Format(excess)} {side} the warning line {ConfigurationReader.Format(WarningLine)}"
            + $" = {ConfigurationReader.Format(Math.Round(steps, 4))} step(s) of {ConfigurationReader.Format(Step)}"
            + $": {ConfigurationReader.Format(StartPoints)} - {ConfigurationReader.Format(Math.Round(steps, 4))} × {ConfigurationReader.Format(PointsPerStep)} = {ConfigurationReader.Format(Math.Round(points, 4))}";
        return points;
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"{ConfigurationReader.Format(StartPoints)} points, minus {ConfigurationReader.Format(PointsPerStep)} per {ConfigurationReader.Format(Step)}"
        + $" {(Direction == PenaltyDirection.Above ? "above" : "below")} {ConfigurationReader.Format(WarningLine)} ({Counting})";

    internal static void Check(decimal startPoints, decimal step, decimal pointsPerStep, string path, ICollection<ConfigurationProblem> problems)
    {
        if (startPoints is < 0m or > 100m)
        {
            problems.Add(new ConfigurationProblem($"{path}.startPoints", $"{ConfigurationReader.Format(startPoints)} is outside 0..100"));
        }

        if (step <= 0m)
        {
            problems.Add(new ConfigurationProblem($"{path}.step", $"{ConfigurationReader.Format(step)} must be above 0"));
        }

        if (pointsPerStep < 0m)
        {
            problems.Add(new ConfigurationProblem($"{path}.pointsPerStep", $"{ConfigurationReader.Format(pointsPerStep)} must not be negative"));
        }
    }
}
