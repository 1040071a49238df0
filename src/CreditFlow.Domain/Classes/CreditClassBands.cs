using System.Globalization;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Classes;

/// <summary>Score bands for the classes: a score at or above a class's minimum earns it; below C's minimum is D.</summary>
/// <remarks>Default (<c>credit-classes.json</c>): A from 80, B from 65, C from 50, D below 50.</remarks>
public sealed record CreditClassBands
{
    private static readonly Lazy<CreditClassBands> DefaultBands = ConfiguredRules.Shipped("credit-classes.json", Parse);

    /// <summary>Creates the bands.</summary>
    /// <exception cref="ArgumentException">Minimums outside 0..100 or not strictly descending A &gt; B &gt; C.</exception>
    public CreditClassBands(decimal minimumA, decimal minimumB, decimal minimumC)
        : this(ConfiguredRules.Validate(nameof(minimumA), p => Check(minimumA, minimumB, minimumC, "$.minimumScores", p)), minimumA, minimumB, minimumC)
    {
    }

    private CreditClassBands(Validated validated, decimal minimumA, decimal minimumB, decimal minimumC)
    {
        _ = validated;
        (MinimumA, MinimumB, MinimumC) = (minimumA, minimumB, minimumC);
    }

    /// <summary>The shipped bands.</summary>
    public static CreditClassBands Default => DefaultBands.Value;

    /// <summary>Lowest score for class A.</summary>
    public decimal MinimumA { get; }

    /// <summary>Lowest score for class B.</summary>
    public decimal MinimumB { get; }

    /// <summary>Lowest score for class C; anything below is D.</summary>
    public decimal MinimumC { get; }

    /// <summary>Loads bands from <c>{ "minimumScores": { "A": 80, "B": 65, "C": 50 } }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Listing every problem with its JSON path.</exception>
    public static CreditClassBands Parse(string json)
    {
        const string Name = "credit class bands";
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, Name);
        var a = default(decimal?);
        var b = default(decimal?);
        var c = default(decimal?);
        if (r.Property(document.RootElement, "$", "minimumScores") is { } scores)
        {
            (a, b, c) = (r.Decimal(scores, "$.minimumScores", "A"), r.Decimal(scores, "$.minimumScores", "B"), r.Decimal(scores, "$.minimumScores", "C"));
        }

        if (a is { } va && b is { } vb && c is { } vc)
        {
            Check(va, vb, vc, "$.minimumScores", r.Sink);
        }

        return new CreditClassBands(ConfiguredRules.Passed(r, Name), a!.Value, b!.Value, c!.Value);
    }

    /// <summary>Classifies a score. A blacklisted customer is D whatever its score.</summary>
    /// <param name="score">The scorecard score, 0–100.</param>
    /// <param name="blacklisted">True when the customer (or its group) is on an internal or shared blacklist.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> lies outside 0..100.</exception>
    public ClassAssignment Classify(decimal score, bool blacklisted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 100m);
        if (blacklisted)
        {
            return new ClassAssignment(CreditClass.D, score, Blacklisted: true, "blacklisted: class D whatever the score");
        }

        var (creditClass, reason) = score switch
        {
            _ when score >= MinimumA => (CreditClass.A, $"score {F(score)} >= {F(MinimumA)}"),
            _ when score >= MinimumB => (CreditClass.B, $"score {F(score)} in [{F(MinimumB)}, {F(MinimumA)})"),
            _ when score >= MinimumC => (CreditClass.C, $"score {F(score)} in [{F(MinimumC)}, {F(MinimumB)})"),
            _ => (CreditClass.D, $"score {F(score)} < {F(MinimumC)}"),
        };
        return new ClassAssignment(creditClass, score, Blacklisted: false, reason);
    }

    /// <summary>Classifies a complete scorecard result.</summary>
    /// <exception cref="ArgumentException">The result is incomplete: data is missing, so there is no score to classify.</exception>
    public ClassAssignment Classify(ScoreResult result, bool blacklisted)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Score is not { } score)
        {
            throw new ArgumentException($"The score of model {result.ModelId} v{result.ModelVersion} is incomplete; missing: {string.Join(", ", result.Missing.Select(m => m.Input))}.", nameof(result));
        }

        return Classify(score, blacklisted);
    }

    private static void Check(decimal a, decimal b, decimal c, string path, ICollection<ConfigurationProblem> problems)
    {
        foreach (var (name, value) in new[] { ("A", a), ("B", b), ("C", c) })
        {
            if (value is <= 0m or > 100m)
            {
                problems.Add(new ConfigurationProblem($"{path}.{name}", $"{F(value)} must be above 0 and at most 100"));
            }
        }

        if (!(a > b && b > c))
        {
            problems.Add(new ConfigurationProblem(path, $"minimums must descend A > B > C, were A {F(a)}, B {F(b)}, C {F(c)}"));
        }
    }

    private static string F(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
