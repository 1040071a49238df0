namespace CreditFlow.Domain.Configuration;

/// <summary>
/// The one path of every rule configuration (order check, exposure, authority, receivables, dunning,
/// scoring, classes, limits, terms, warnings). Each type writes its value rules once, as a check that
/// reports <see cref="ConfigurationProblem"/>s at JSON paths:
/// <list type="bullet">
/// <item><c>Parse</c> reads the JSON (shape, types, required properties), runs that check into the
/// same list, and builds the value through a constructor that takes <see cref="Validated"/> from
/// <see cref="Passed"/> instead of checking again;</item>
/// <item>the public constructor runs the same check through <see cref="Validate"/>, which throws
/// <see cref="ArgumentException"/> with the same messages;</item>
/// <item><c>Default</c> is the shipped JSON through <c>Parse</c>, once, on first use (<see cref="Shipped"/>).</item>
/// </list>
/// </summary>
internal static class ConfiguredRules
{
    /// <summary>The shipped default <c>Defaults/<paramref name="fileName"/></c>, parsed on first use.</summary>
    public static Lazy<T> Shipped<T>(string fileName, Func<string, T> parse) => new(() => parse(EmbeddedDefault.Read(fileName)));

    /// <summary>Runs a type's check for its constructor.</summary>
    /// <exception cref="ArgumentException">The check found a problem; the message lists every one.</exception>
    public static Validated Validate(string parameterName, Action<ICollection<ConfigurationProblem>> check)
    {
        var problems = new List<ConfigurationProblem>();
        check(problems);
        ConfigurationReader.ThrowArgumentIfAny(problems, parameterName);
        return default;
    }

    /// <summary>Ends a <c>Parse</c>: everything read and checked, nothing wrong.</summary>
    /// <exception cref="InvalidConfigurationException">A problem was recorded.</exception>
    public static Validated Passed(ConfigurationReader reader, string configuration)
    {
        reader.ThrowIfAny(configuration);
        return default;
    }
}

/// <summary>That a configuration's rules have been checked: what the constructors that do not check again take.</summary>
internal readonly record struct Validated;
