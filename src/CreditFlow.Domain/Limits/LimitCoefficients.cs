using System.Globalization;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Limits;

/// <summary>The risk coefficient per class for each base: limit = coefficient × base.</summary>
/// <remarks>
/// Class D has no coefficient: D means no credit, so its limit is always zero. A better class never
/// gets a smaller coefficient. Default in <c>limit-coefficients.json</c>.
/// </remarks>
public sealed record LimitCoefficients
{
    private static readonly string[] Bases = ["annualSales", "workingCapital", "netAssetLiquidationValue"];
    private static readonly CreditClass[] CreditClasses = [CreditClass.A, CreditClass.B, CreditClass.C];
    private static readonly Lazy<LimitCoefficients> DefaultCoefficients = ConfiguredRules.Shipped("limit-coefficients.json", Parse);
    private readonly Dictionary<(LimitMethod, CreditClass), decimal> coefficients;

    private LimitCoefficients(Dictionary<(LimitMethod, CreditClass), decimal> coefficients) => this.coefficients = coefficients;

    /// <summary>The shipped coefficients.</summary>
    public static LimitCoefficients Default => DefaultCoefficients.Value;

    /// <summary>The coefficient for a class on a base; zero for class D.</summary>
    /// <exception cref="ArgumentException"><paramref name="method"/> is not a coefficient base (<see cref="LimitMethod.PurchasesTimesMargin"/>).</exception>
    public decimal For(LimitMethod method, CreditClass creditClass)
    {
        if (method == LimitMethod.PurchasesTimesMargin)
        {
            throw new ArgumentException("Purchases × margin uses no class coefficient.", nameof(method));
        }

        return creditClass == CreditClass.D ? 0m : coefficients[(method, creditClass)];
    }

    /// <summary>
    /// Loads <c>{ "coefficients": { "annualSales": { "A": 0.15, "B": 0.1, "C": 0.05 }, "workingCapital": {...}, "netAssetLiquidationValue": {...} } }</c>.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">Listing every problem with its JSON path.</exception>
    public static LimitCoefficients Parse(string json)
    {
        const string Name = "limit coefficients";
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, Name);
        var result = new Dictionary<(LimitMethod, CreditClass), decimal>();
        if (r.Property(document.RootElement, "$", "coefficients") is { } all)
        {
            foreach (var baseName in Bases)
            {
                var path = $"$.coefficients.{baseName}";
                if (r.Property(all, "$.coefficients", baseName) is not { } perClass)
                {
                    continue;
                }

                var method = Enum.Parse<LimitMethod>(baseName, ignoreCase: true);
                var values = CreditClasses.Select(c => (Class: c, Value: r.Decimal(perClass, path, c.ToString()))).ToArray();
                foreach (var (creditClass, value) in values)
                {
                    r.InRange(value, $"{path}.{creditClass}", 0m, 1m);
                    result[(method, creditClass)] = value ?? 0m;
                }

                if (values.All(v => v.Value is not null) && !(values[0].Value >= values[1].Value && values[1].Value >= values[2].Value))
                {
                    r.Problem(path, $"a better class may not get a smaller coefficient: A {F(values[0].Value)}, B {F(values[1].Value)}, C {F(values[2].Value)}");
                }
            }
        }

        r.ThrowIfAny(Name);
        return new LimitCoefficients(result);
    }

    private static string F(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "?";
}
