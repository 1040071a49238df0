using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Warnings;

/// <summary>
/// The body of <c>POST /api/warnings/{id}/answer</c>: the actions chosen among those the warning proposes, and what the
/// owner found. Who answered, and in which role, is the API key.
/// </summary>
/// <param name="Actions">E.g. ["collection", "freezeLimit"]; at least one.</param>
/// <param name="Comment">Required, at most 2,000 characters.</param>
public sealed record AnswerWarningBody(string[]? Actions, string? Comment)
{
    public const int MaxChars = 2_000;

    /// <summary>The actions, parsed; valid only when <see cref="Validate"/> found nothing.</summary>
    internal IReadOnlyList<ResponseAction> ParsedActions =>
        (Actions ?? []).Select(a => Enum.Parse<ResponseAction>(a, ignoreCase: true)).Distinct().ToArray();

    internal static FieldErrors Validate(AnswerWarningBody body)
    {
        var errors = new FieldErrors();
        if (body.Actions is null || body.Actions.Length == 0)
        {
            errors.Add("actions", $"is required: at least one of the actions the warning proposes ({string.Join(", ", Enum.GetNames<ResponseAction>().Select(Camel))}).");
        }
        else
        {
            for (var i = 0; i < body.Actions.Length; i++)
            {
                if (!Enum.TryParse<ResponseAction>(body.Actions[i], ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(body.Actions[i], out _))
                {
                    errors.Add($"actions[{i}]", $"must be one of {string.Join(", ", Enum.GetNames<ResponseAction>().Select(Camel))} (was \"{body.Actions[i]}\").");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(body.Comment))
        {
            errors.Add("comment", "is required and must not be blank: what was found and decided.");
        }
        else if (body.Comment.Length > MaxChars)
        {
            errors.Add("comment", $"must be at most {MaxChars:N0} characters (was {body.Comment.Length:N0}).");
        }

        return errors;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
