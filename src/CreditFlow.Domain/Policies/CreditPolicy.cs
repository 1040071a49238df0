using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Scoring;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Policies;

/// <summary>
/// One version of the credit policy the committee approves: the numbers decisions are taken under, in force from a
/// day on. Version 1 is the shipped defaults (<c>Defaults/*.json</c>); later versions are drafted as one JSON document,
/// approved, and take effect from their day. Every decision taken under a policy records its <see cref="Version"/>.
/// </summary>
/// <remarks>
/// The document has one property per section. Sections so far: <c>orderCheck</c> (stop line, release tolerance,
/// minimum approvers: <see cref="OrderCheckPolicy"/>), <c>creditClasses</c> (the score bands of the classes:
/// <see cref="CreditClassBands"/>), <c>limitCoefficients</c> (class coefficient per limit base:
/// <see cref="LimitCoefficients"/>), <c>scorecard</c> (the inputs, weights and bands customers are scored by:
/// <see cref="ScorecardModel"/>), <c>newCustomers</c> (trial limit and guarantee threshold:
/// <see cref="NewCustomerPolicy"/>), <c>authorityMatrix</c> (who approves which amounts: <see cref="AuthorityMatrix"/>),
/// <c>dunningLadder</c> (the steps an overdue invoice goes through: <see cref="DunningLadder"/>) and
/// <c>warningRules</c> (which signals warn, at what level, who answers and how fast: <see cref="WarningRules"/>). A section is checked by its own rules and its problems are reported at their path
/// inside the document, e.g. <c>$.orderCheck.releaseTolerance.days</c>.
/// </remarks>
public sealed record CreditPolicy
{
    /// <summary>How problems name this configuration.</summary>
    public const string Configuration = "credit policy";

    private static readonly Lazy<CreditPolicy> Shipped = new(() => Parse(ShippedJson(), 1, DateOnly.MinValue));

    // In the order they were made part of the policy; each with the shipped file that is its version 1.
    private static readonly (string Name, string File)[] Sections =
    [
        ("orderCheck", "order-check.json"),
        ("creditClasses", "credit-classes.json"),
        ("limitCoefficients", "limit-coefficients.json"),
        ("scorecard", "scorecard-multi-dimension.json"),
        ("newCustomers", "new-customer-policy.json"),
        ("authorityMatrix", "authority-matrix.json"),
        ("dunningLadder", "dunning-ladder.json"),
        ("warningRules", "warning-rules.json"),
    ];

    private CreditPolicy(
        int version,
        DateOnly effectiveFrom,
        OrderCheckPolicy orderCheck,
        CreditClassBands classes,
        LimitCoefficients limits,
        ScorecardModel scorecard,
        NewCustomerPolicy newCustomers,
        AuthorityMatrix authority,
        DunningLadder ladder,
        WarningRules warnings,
        string json)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        OrderCheck = orderCheck;
        Classes = classes;
        Limits = limits;
        Scorecard = scorecard;
        NewCustomers = newCustomers;
        Authority = authority;
        Ladder = ladder;
        Warnings = warnings;
        Json = json;
    }

    /// <summary>Version 1: the shipped defaults, in force since always.</summary>
    public static CreditPolicy Default => Shipped.Value;

    /// <summary>1 for the shipped defaults, then one more for each draft.</summary>
    public int Version { get; }

    /// <summary>The first day decisions are taken under this version.</summary>
    public DateOnly EffectiveFrom { get; }

    /// <summary>The order-to-shipment check's numbers.</summary>
    public OrderCheckPolicy OrderCheck { get; }

    /// <summary>The score a class needs.</summary>
    public CreditClassBands Classes { get; }

    /// <summary>The class coefficients of the reference limits.</summary>
    public LimitCoefficients Limits { get; }

    /// <summary>How applicants and customers are scored: the figures asked for, their weights and bands.</summary>
    public ScorecardModel Scorecard { get; }

    /// <summary>A new customer's trial limit and when a guarantee is required.</summary>
    public NewCustomerPolicy NewCustomers { get; }

    /// <summary>Who approves which amounts: holds, limits, write-offs, plans.</summary>
    public AuthorityMatrix Authority { get; }

    /// <summary>
    /// The dunning ladder. An invoice is dunned by the ladder of the version in force at its first look, to the end, so a
    /// new version never reorders steps an invoice has taken.
    /// </summary>
    public DunningLadder Ladder { get; }

    /// <summary>The early-warning rules; a warning is chased and judged by the rules it was raised under.</summary>
    public WarningRules Warnings { get; }

    /// <summary>The document as written, the form a new draft starts from.</summary>
    public string Json { get; }

    /// <summary>Reads and checks a policy document.</summary>
    /// <param name="json">The document: an object with every section.</param>
    /// <param name="version">Its version number.</param>
    /// <param name="effectiveFrom">Its first day in force.</param>
    /// <exception cref="InvalidConfigurationException">Every problem found, each at its JSON path in the document.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The version is below 1.</exception>
    public static CreditPolicy Parse(string json, int version, DateOnly effectiveFrom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, Configuration);
        var root = document.RootElement;
        reader.Object(root, "$", [.. Sections.Select(s => s.Name)]);
        var orderCheck = Section(reader, root, "orderCheck", OrderCheckPolicy.Parse);
        var classes = Section(reader, root, "creditClasses", CreditClassBands.Parse);
        var limits = Section(reader, root, "limitCoefficients", LimitCoefficients.Parse);
        var scorecard = Section(reader, root, "scorecard", ScorecardModel.Parse);
        var newCustomers = Section(reader, root, "newCustomers", NewCustomerPolicy.Parse);
        var authority = Section(reader, root, "authorityMatrix", AuthorityMatrix.Parse);
        var ladder = Section(reader, root, "dunningLadder", DunningLadder.Parse);
        var warnings = Section(reader, root, "warningRules", WarningRules.Parse);
        reader.ThrowIfAny(Configuration);
        return new CreditPolicy(version, effectiveFrom, orderCheck!, classes!, limits!, scorecard!, newCustomers!, authority!, ladder!, warnings!, json);
    }

    /// <summary>
    /// A stored document made whole: one drafted before some sections were made part of the policy lacks them, and
    /// each it lacks is the shipped one — what was in force for that section when it was drafted. A document that is
    /// not a JSON object is returned as it is, for <see cref="Parse"/> to name its problem.
    /// </summary>
    public static string Whole(string json)
    {
        JsonObject? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: ReadOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return json;
        }

        var missing = document is null ? [] : Sections.Where(s => !document.ContainsKey(s.Name)).ToArray();
        if (missing.Length == 0)
        {
            return json;
        }

        foreach (var (name, file) in missing)
        {
            document![name] = ShippedSection(file);
        }

        return document!.ToJsonString(Indented);
    }

    /// <summary>
    /// Only the problems of a document as a new version, none when it would parse and may replace the version in force.
    /// Beyond each section's own rules, the sections must agree: a new version keeps the credit currency (the authority
    /// matrix's, in which limits, holds and write-offs are weighed — amounts decided under earlier versions would no
    /// longer compare), the new-customer terms are in it, and every warning step of the dunning ladder raises, under
    /// the version's own warning rules, the warning it names.
    /// </summary>
    public static IReadOnlyList<ConfigurationProblem> Problems(string json)
    {
        try
        {
            var draft = Parse(json, 1, DateOnly.MinValue);
            var currency = Default.Authority.Currency;
            var problems = new List<ConfigurationProblem>();
            if (draft.Authority.Currency != currency)
            {
                problems.Add(new("$.authorityMatrix.currency", $"must stay {currency}: the currency limits, holds and write-offs are weighed in is not a policy change (was {draft.Authority.Currency})"));
            }

            foreach (var (path, amount) in new[] { ("$.newCustomers.trialLimit.currency", draft.NewCustomers.TrialLimit), ("$.newCustomers.guaranteeThreshold.currency", draft.NewCustomers.GuaranteeThreshold) })
            {
                if (amount.Currency != currency)
                {
                    problems.Add(new(path, $"must be {currency}, the credit currency applications are made in (was {amount.Currency})"));
                }
            }

            problems.AddRange(UnwarnedSteps(draft));
            return problems;
        }
        catch (InvalidConfigurationException e)
        {
            return e.Problems;
        }
    }

    /// <summary>
    /// The ladder's warning steps whose warning the version's rules would not raise: dunning raises it as a days-overdue
    /// signal of the step's days, and the rules decide the level (a step timed in months or by the term is not checked).
    /// </summary>
    private static IEnumerable<ConfigurationProblem> UnwarnedSteps(CreditPolicy policy)
    {
        for (var i = 0; i < policy.Ladder.Steps.Count; i++)
        {
            var step = policy.Ladder.Steps[i];
            if (step.Offset.Kind != DunningOffsetKind.DaysFromDue)
            {
                continue;
            }

            var days = (int)step.Offset.Value;
            var fired = policy.Warnings.Evaluate([new CreditSignal("policy-check", SignalKind.DaysOverdue, days, DateTimeOffset.UnixEpoch)]).FirstOrDefault();
            foreach (var wanted in step.Actions.Where(a => a.Kind == DunningActionKind.Warning).Select(a => a.Level))
            {
                if (wanted is { } level && fired?.Level.ToString() != level.ToString())
                {
                    yield return new ConfigurationProblem(
                        $"$.dunningLadder.steps[{i}]",
                        $"raises a {level.ToString().ToLowerInvariant()} warning at {days} days overdue, but the warning rules raise "
                        + (fired is null ? "none" : $"a {fired.Level.ToString().ToLowerInvariant()} one ({fired.Rule})")
                        + $" at {days} days: change the daysOverdue rule in $.warningRules too");
                }
            }
        }
    }

    /// <summary>A section parsed by its own rules, its problems moved under <c>$.{name}</c>.</summary>
    private static T? Section<T>(ConfigurationReader reader, JsonElement root, string name, Func<string, T> parse)
        where T : class
    {
        if (!root.TryGetProperty(name, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            reader.Problem($"$.{name}", "is required");
            return null;
        }

        try
        {
            return parse(section.GetRawText());
        }
        catch (InvalidConfigurationException e)
        {
            foreach (var problem in e.Problems)
            {
                reader.Problem($"$.{name}{problem.Path[1..]}", problem.Problem);
            }

            return null;
        }
    }

    /// <summary>Version 1's document: the shipped section files put together.</summary>
    private static string ShippedJson() => Whole("{}");

    // The shipped files explain themselves in comments, which a JSON document cannot keep.
    private static JsonNode? ShippedSection(string file) => JsonNode.Parse(EmbeddedDefault.Read(file), documentOptions: ReadOptions);

    private static JsonDocumentOptions ReadOptions => new() { CommentHandling = JsonCommentHandling.Skip };

    private static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };
}
