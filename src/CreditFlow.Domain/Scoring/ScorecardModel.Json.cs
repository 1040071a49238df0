using System.Text.Json;
using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <content>Loading a model from its JSON configuration.</content>
public sealed partial record ScorecardModel
{
    /// <summary>Loads and validates a model from JSON.</summary>
    /// <remarks>
    /// Shape: <c>{ id, version, inputs: [{ name, unit, description }], dimensions: [{ name, weight,
    /// factors: [{ name, input, weight, missingData, neutralPoints?, floor?, ceiling?, bands | penalty }] }] }</c>.
    /// A band is <c>{ from?, to?, points }</c> (from inclusive, to exclusive); a penalty is
    /// <c>{ startPoints, warningLine, step, pointsPerStep, direction, counting }</c>.
    /// </remarks>
    /// <exception cref="InvalidConfigurationException">Listing every problem with its JSON path.</exception>
    public static ScorecardModel Parse(string json)
    {
        var r = new ConfigurationReader(ConfigurationDialect.Scoring);
        using var document = r.Open(json, "scorecard model");
        var root = document.RootElement;
        var id = r.String(root, "$", "id");
        var version = r.String(root, "$", "version");
        var inputs = r.Array(root, "$", "inputs")
            .Select(i => (Name: r.String(i.Item, i.Path, "name"), Unit: r.String(i.Item, i.Path, "unit"), Description: r.String(i.Item, i.Path, "description", required: false)))
            .ToArray();

        var dimensions = new List<ScorecardDimension?>();
        var rawDimensions = new List<(string Name, decimal? Weight, IReadOnlyList<string> FactorInputs)>();
        foreach (var (item, path) in r.Array(root, "$", "dimensions"))
        {
            var name = r.String(item, path, "name");
            var weight = r.Decimal(item, path, "weight");
            var factors = r.Array(item, path, "factors").Select(f => ParseFactor(r, f.Item, f.Path)).ToArray();
            var weights = factors.All(f => f.Weight is not null) ? factors.Select(f => (f.Name ?? string.Empty, f.Weight ?? 0m)).ToArray() : null;
            ScorecardDimension.Check(name, weight, weights, path, r.Sink);
            rawDimensions.Add((name ?? string.Empty, weight, factors.Select(f => f.Input ?? string.Empty).ToArray()));
            dimensions.Add(name is not null && weight is { } w && factors.All(f => f.Factor is not null)
                ? Try(() => new ScorecardDimension(name, w, factors.Select(f => f.Factor!).ToArray()))
                : null);
        }

        Check(inputs.Select(i => i.Name ?? string.Empty).ToArray(), rawDimensions, "$", r.Sink);
        return new ScorecardModel(
            ConfiguredRules.Passed(r, $"scorecard model '{id}'"),
            id!,
            version!,
            inputs.Select(i => new ScorecardInput(i.Name!, i.Unit!, i.Description ?? string.Empty)).ToArray(),
            dimensions.Select(d => d!).ToArray());
    }

    private static (string? Name, decimal? Weight, string? Input, ScorecardFactor? Factor) ParseFactor(ConfigurationReader r, JsonElement item, string path)
    {
        var name = r.String(item, path, "name");
        var input = r.String(item, path, "input");
        var weight = r.Decimal(item, path, "weight");
        var missingData = r.Enum<MissingDataPolicy>(item, path, "missingData");
        var neutralPoints = r.Decimal(item, path, "neutralPoints", required: false);
        var floor = r.Decimal(item, path, "floor", required: false) ?? 0m;
        var ceiling = r.Decimal(item, path, "ceiling", required: false) ?? 100m;
        var before = r.Problems.Count;
        if (weight is { } w && missingData is { } m)
        {
            ScorecardFactor.Check(name, input, w, m, neutralPoints, floor, ceiling, path, r.Sink);
        }

        var rule = ParseRule(r, item, path);
        var valid = r.Problems.Count == before && name is not null && input is not null && weight is not null && missingData is not null && rule is not null;
        var factor = valid ? new ScorecardFactor(name!, input!, weight!.Value, rule!, missingData!.Value, neutralPoints, floor, ceiling) : null;
        return (name, weight, input, factor);
    }

    private static FactorRule? ParseRule(ConfigurationReader r, JsonElement item, string path)
    {
        var hasBands = r.Property(item, path, "bands", required: false) is not null;
        var hasPenalty = r.Property(item, path, "penalty", required: false) is not null;
        if (hasBands == hasPenalty)
        {
            r.Problem(path, "needs exactly one of 'bands' or 'penalty'");
            return null;
        }

        var before = r.Problems.Count;
        if (hasBands)
        {
            var bands = new List<ScoreBand>();
            foreach (var (band, bandPath) in r.Array(item, path, "bands"))
            {
                var from = r.Decimal(band, bandPath, "from", required: false);
                var to = r.Decimal(band, bandPath, "to", required: false);
                var points = r.Decimal(band, bandPath, "points");
                var bandBefore = r.Problems.Count;
                ScoreBand.Check(from, to, points ?? 0m, bandPath, r.Sink);
                if (points is { } p && r.Problems.Count == bandBefore)
                {
                    bands.Add(new ScoreBand(from, to, p));
                }
            }

            if (r.Problems.Count > before)
            {
                return null;
            }

            BandedRule.Check(bands, $"{path}.bands", r.Sink);
            return r.Problems.Count == before ? new BandedRule(bands) : null;
        }

        var penalty = r.Property(item, path, "penalty")!.Value;
        var penaltyPath = $"{path}.penalty";
        var start = r.Decimal(penalty, penaltyPath, "startPoints");
        var line = r.Decimal(penalty, penaltyPath, "warningLine");
        var step = r.Decimal(penalty, penaltyPath, "step");
        var perStep = r.Decimal(penalty, penaltyPath, "pointsPerStep");
        var direction = r.Enum<PenaltyDirection>(penalty, penaltyPath, "direction");
        var counting = r.Enum<PenaltyCounting>(penalty, penaltyPath, "counting");
        if (start is { } s && step is { } st && perStep is { } ps)
        {
            PenaltyRule.Check(s, st, ps, penaltyPath, r.Sink);
        }

        return r.Problems.Count == before && line is { } l && direction is { } d && counting is { } c
            ? new PenaltyRule(start!.Value, l, step!.Value, perStep!.Value, d, c)
            : null;
    }

    // Cross-item rules are reported by the checks above with their paths; a failure here is already listed.
    private static ScorecardDimension? Try(Func<ScorecardDimension> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
