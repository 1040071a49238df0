using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Dunning;

namespace CreditFlow.Domain.Tests.Dunning;

public sealed class DunningLadderParseTests
{
    [Fact]
    public void Default_ShippedLadder_HasTheDocumentedActions()
    {
        // Act
        var steps = DunningLadder.Default.Steps.ToDictionary(s => s.Code);

        // Assert
        Assert.Equal(-3m, steps["reminder"].Offset.Value);
        Assert.Equal((DunningOffsetKind.TermFraction, 0.5m), (steps["payment-confirmation"].Offset.Kind, steps["payment-confirmation"].Offset.Value));
        Assert.Contains(steps["yellow"].Actions, a => a.Kind == DunningActionKind.LimitFreeze);
        Assert.Contains(steps["yellow"].Actions, a => a is { Kind: DunningActionKind.Warning, Level: DunningWarningLevel.Yellow });
        Assert.Contains(steps["special-collection"].Actions, a => a.Kind == DunningActionKind.ContractAcceleration);
        Assert.Contains(steps["red"].Actions, a => a.Kind == DunningActionKind.LegalHandoff);
        Assert.Equal(181m, steps["litigation"].Offset.Value);
    }

    [Fact]
    public void Parse_InvalidLadder_ListsEveryProblemWithPath()
    {
        // Arrange
        const string json = """
            { "steps": [
                { "code": "a", "daysFromDue": 0, "termFraction": 0.5, "actions": [ { "kind": "Mail" } ] },
                { "code": "a", "termFraction": 1.5, "actions": [] },
                { "code": "c", "daysFromDue": 2.5, "actions": [ { "kind": "Fax" }, { "kind": "CallTask" }, { "kind": "Warning", "level": "Purple" } ] },
                { "daysFromDue": 3, "actions": [ { "kind": "LimitFreeze", "colour": "x" } ] } ] }
            """;

        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => DunningLadder.Parse(json));

        // Assert
        var problems = error.Problems.Select(p => p.ToString()).ToArray();
        Assert.Contains("$.steps[0]: must have exactly one of daysFromDue, monthsFromDue, termFraction, had 2", problems);
        Assert.Contains("$.steps[0].actions[0].template: is required for a mail", problems);
        Assert.Contains("$.steps[1].code: 'a' is used by an earlier step", problems);
        Assert.Contains("$.steps[1].termFraction: a term fraction must be above 0 and at most 1, was 1.5", problems);
        Assert.Contains("$.steps[1].actions: must list at least one action", problems);
        Assert.Contains("$.steps[2].daysFromDue: must be a whole number within ±36500, was 2.5", problems);
        Assert.Contains(problems, p => p.StartsWith("$.steps[2].actions[0].kind: must be one of Mail, CallTask", StringComparison.Ordinal));
        Assert.Contains("$.steps[2].actions[1].role: is required for a call task", problems);
        Assert.Contains("$.steps[2].actions[2].level: must be one of Yellow, Orange, Red, was 'Purple'", problems);
        Assert.Contains("$.steps[3].code: is required", problems);
        Assert.Contains(problems, p => p.StartsWith("$.steps[3].actions[0].colour: unknown property", StringComparison.Ordinal));
        Assert.Equal(11, problems.Length);
    }

    [Fact]
    public void Parse_NoSteps_Reported()
    {
        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => DunningLadder.Parse("""{ "steps": [] }"""));

        // Assert
        Assert.Equal("$.steps: must list at least one step", Assert.Single(error.Problems).ToString());
    }
}
