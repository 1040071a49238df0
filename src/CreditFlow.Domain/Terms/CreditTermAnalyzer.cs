using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Terms;

/// <summary>Decides whether changing a credit term pays: marginal gain against marginal costs.</summary>
/// <remarks>Default (<c>credit-term-analysis.json</c>): a 365-day year for the opportunity cost.</remarks>
public sealed record CreditTermAnalyzer
{
    private const string ConfigurationName = "credit-term analysis";
    private static readonly Lazy<CreditTermAnalyzer> DefaultAnalyzer = ConfiguredRules.Shipped("credit-term-analysis.json", Parse);

    /// <summary>Creates the analyzer.</summary>
    /// <param name="dayCountBasis">Days in the year the bank rate is quoted for, e.g. 365 or 360.</param>
    /// <exception cref="ArgumentException">Not 360, 365 or 366.</exception>
    public CreditTermAnalyzer(int dayCountBasis)
        : this(ConfiguredRules.Validate(nameof(dayCountBasis), p => Check(dayCountBasis, p)), dayCountBasis)
    {
    }

    private CreditTermAnalyzer(Validated validated, int dayCountBasis)
    {
        _ = validated;
        DayCountBasis = dayCountBasis;
    }

    /// <summary>The analyzer with the shipped settings.</summary>
    public static CreditTermAnalyzer Default => DefaultAnalyzer.Value;

    /// <summary>Days in the year the bank rate is quoted for.</summary>
    public int DayCountBasis { get; }

    /// <summary>Analyses a change; each amount is rounded to the cent before netting.</summary>
    public TermChangeAnalysis Analyze(CreditTermChange change)
    {
        ArgumentNullException.ThrowIfNull(change);

        // The deck: opportunity cost = extra receivables × bank overdraft rate × the extended term, / 365.
        var gain = (change.ExtraSales * change.AverageGrossMargin).Rounded();
        var opportunity = (change.ExtraReceivables * change.BankRate * change.ProposedTermDays / DayCountBasis).Rounded();
        var management = change.ExtraCreditManagementCost.Rounded();
        var badDebt = change.ExtraBadDebtLoss.Rounded();
        var net = gain - management - opportunity - badDebt;
        string[] explanation =
        [
            $"term {change.CurrentTermDays} → {change.ProposedTermDays} days",
            $"marginal gain = extra sales {change.ExtraSales} × gross margin {F(change.AverageGrossMargin)} = {gain}",
            $"credit-management cost = {management}",
            $"opportunity cost = extra receivables {change.ExtraReceivables} × bank rate {F(change.BankRate)} × {change.ProposedTermDays} / {DayCountBasis} = {opportunity}",
            $"bad-debt cost = {badDebt}",
            $"net = {gain} - {management} - {opportunity} - {badDebt} = {net}: {(net.Amount > 0m ? "justified" : "not justified, only a positive net justifies a change")}",
        ];
        return new TermChangeAnalysis(change, gain, management, opportunity, badDebt, explanation);
    }

    /// <summary>Loads <c>{ "dayCountBasis": 365 }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Listing every problem with its JSON path.</exception>
    public static CreditTermAnalyzer Parse(string json)
    {
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, ConfigurationName);
        var basis = r.Int(document.RootElement, "$", "dayCountBasis");
        Check(basis, r.Sink);
        return new CreditTermAnalyzer(ConfiguredRules.Passed(r, ConfigurationName), basis!.Value);
    }

    /// <summary>The rule on the day count, for a value present (a missing one is the reader's problem).</summary>
    private static void Check(int? basis, ICollection<ConfigurationProblem> problems)
    {
        if (basis is { } b && b is not (360 or 365 or 366))
        {
            problems.Add(new ConfigurationProblem("$.dayCountBasis", $"{b} must be 360, 365 or 366"));
        }
    }

    private static string F(decimal value) => ConfigurationReader.Format(value);
}
