using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Applications;

/// <summary>
/// Reads a JSON request body and turns a malformed one into a 400 that names the field and its
/// position. Read by hand rather than by parameter binding, whose failures say neither.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A misspelt optional field would otherwise be dropped without a word.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <param name="request">The request whose body to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="notFields">Fields the body must not carry, each with why (the 400 says so instead of "not a field").</param>
    /// <returns>The body, or the problem to answer with.</returns>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? notFields = null)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.UnsupportedMediaType("Send the body as JSON with Content-Type: application/json."));
        }

        var errors = new FieldErrors();
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            if (body is not null)
            {
                return (body, null);
            }

            errors.Add("$", "The body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            var field = FieldOf(e);
            var why = notFields?.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            errors.Add(field, why ?? $"{Reason(e)} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }

        return (null, ApiProblems.Validation(errors.ToDictionary()));
    }

    private static string FieldOf(JsonException e) => e.Path switch
    {
        null or "$" => "$",
        var path when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        var path => path.TrimStart('$'),
    };

    /// <summary>The serializer's message without its type names and its own path suffix, which the error key already gives.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            return "The value has the wrong JSON type for this field";
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "This is not a field of the request";
        }

        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
