namespace CreditFlow.Domain.Configuration;

/// <summary>How strictly a configuration's JSON is read and how its problems are worded.</summary>
/// <remarks>
/// The rule areas were written in two groups whose error messages differ and are pinned by their
/// tests, so <see cref="ConfigurationReader"/> keeps both wordings. Everything else (paths, required
/// and type checks, unknown properties, collecting every problem) is shared.
/// </remarks>
internal enum ConfigurationDialect
{
    /// <summary>
    /// Scoring, classes, limits, terms and warnings: trailing commas allowed; a syntax error is located by
    /// line and position in its path; strings quoted <c>"like this"</c>; <c>'x' is not one of A, B</c>.
    /// </summary>
    Scoring,

    /// <summary>
    /// Exposure, authority, order check, receivables and dunning: no trailing commas; the root must be an
    /// object; a syntax error is reported at <c>$</c>; strings quoted <c>'like this'</c>;
    /// <c>must be one of A, B, was 'x'</c>; an enum name must start with a letter.
    /// </summary>
    Rules,
}
