using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Tasks;

/// <summary>The body of <c>POST /api/tasks/{taskId}/complete</c>: what came of the task. Who completed it is the API key.</summary>
/// <param name="Outcome">E.g. "customer promised 15 March"; required, at most 2,000 characters.</param>
public sealed record CompleteTaskBody(string? Outcome)
{
    public const int MaxChars = 2_000;

    internal static FieldErrors Validate(CompleteTaskBody body)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Outcome))
        {
            errors.Add("outcome", "is required and must not be blank: what came of the task, e.g. \"customer promised 15 March\".");
        }
        else if (body.Outcome.Length > MaxChars)
        {
            errors.Add("outcome", $"must be at most {MaxChars:N0} characters (was {body.Outcome.Length:N0}).");
        }

        return errors;
    }
}
