namespace CreditFlow.Durable.History;

/// <summary>
/// Why a task or execution failed, as the engine stores it in history and status rows: the
/// exception's type, message and stack, bounded so that no checkpoint or queue message can fail on
/// size however large the original exception was.
/// </summary>
/// <param name="ErrorType">Full name of the exception type.</param>
/// <param name="ErrorMessage">The exception's message (at most <see cref="MaxMessageChars"/>).</param>
/// <param name="StackTrace">Where it was thrown (at most <see cref="MaxStackChars"/>).</param>
/// <param name="InnerFailure">The inner exception's details, if any (at most <see cref="MaxDepth"/> levels).</param>
internal sealed record FailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, FailureDetails? InnerFailure = null)
{
    /// <summary>Longest message kept; the rest is cut with a marker.</summary>
    public const int MaxMessageChars = 4_000;

    /// <summary>Longest stack trace kept.</summary>
    public const int MaxStackChars = 8_000;

    /// <summary>Inner exceptions kept below the outer one.</summary>
    public const int MaxDepth = 4;

    /// <summary>Captures an exception, bounded.</summary>
    public static FailureDetails FromException(Exception exception) => FromException(exception, 0);

    /// <summary>A failure that is not an exception of the orchestrator's own code (missing registration, non-determinism...).</summary>
    public static FailureDetails Of(string errorType, string message) => new(errorType, Bound(message, MaxMessageChars), null);

    private static FailureDetails FromException(Exception exception, int depth) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        Bound(exception.Message, MaxMessageChars),
        exception.StackTrace is { } stack ? Bound(stack, MaxStackChars) : null,
        exception.InnerException is { } inner && depth < MaxDepth ? FromException(inner, depth + 1) : null);

    /// <summary>The SDK's failure details, which orchestrators and clients see.</summary>
    public Microsoft.DurableTask.TaskFailureDetails ToSdk() => new(ErrorType, ErrorMessage, StackTrace, InnerFailure?.ToSdk(), null);

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    internal static string Bound(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"… ({text.Length - max} more characters cut)");
}
