using System.Text.RegularExpressions;

namespace CreditFlow.Host.Tests.Problems;

/// <summary>Helpers of the tests that walk the OpenAPI document's routes.</summary>
internal static partial class ApiWalk
{
    /// <summary>The path with each <c>{parameter}</c> replaced by an id nothing has.</summary>
    public static string Placeholders(string path) => Parameter().Replace(path, m => $"no-such-{m.Groups[1].Value.ToLowerInvariant()}");

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Parameter();
}
