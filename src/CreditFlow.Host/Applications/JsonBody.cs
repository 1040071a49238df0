using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Applications;

/// <summary>
/// Reads a JSON request body and turns a bad one into a 400 that names each bad field by its JSON
/// path: a value of the wrong type says which type the field takes, and the rest of the body is
/// still checked, so one answer lists everything to fix. Read by hand rather than by parameter
/// binding, whose failures say neither.
/// </summary>
internal static class JsonBody
{
    /// <summary>Past this many fields of the wrong type the body is answered with those found so far.</summary>
    private const int MaxTypeProblems = 50;

    /// <summary>How every API body is read; the OpenAPI document describes the same (see <see cref="ApplicationsApiServices"/>).</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A misspelt optional field would otherwise be dropped without a word.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,

        // A number is a JSON number: "60" is a string, as the OpenAPI document says.
        NumberHandling = JsonNumberHandling.Strict,
    };

    private static readonly JsonDocumentOptions NodeOptions = new() { AllowDuplicateProperties = false };

    /// <param name="request">The request whose body to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="notFields">Fields the body must not carry, each with why (the 400 says so instead of "not a field").</param>
    /// <param name="validate">Checks the fields that did bind; its problems are answered together with the type problems.</param>
    /// <returns>The body, or the problem to answer with.</returns>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? notFields = null, Func<T, FieldErrors>? validate = null)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.UnsupportedMediaType("Send the body as JSON with Content-Type: application/json."));
        }

        // Buffered (the server bounds its size) so that a body with problems can be read again without them.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return Read(buffer.ToArray(), notFields, validate);
    }

    /// <summary>Binds a body already read (e.g. to check its signature first), as <see cref="ReadAsync"/> does; the content type is the caller's to check.</summary>
    /// <returns>The body, or the problem to answer with.</returns>
    public static (T? Body, ProblemHttpResult? Problem) Read<T>(
        byte[] bytes, IReadOnlyDictionary<string, string>? notFields = null, Func<T, FieldErrors>? validate = null)
        where T : class
    {
        var errors = new FieldErrors();
        T? body;
        try
        {
            body = JsonSerializer.Deserialize<T>(bytes, Options);
        }
        catch (JsonException first)
        {
            body = ReadAround<T>(bytes, first, errors, notFields);
        }

        if (body is null && errors.IsEmpty)
        {
            errors.Add("$", "The body must be a JSON object, not null.");
        }

        if (body is not null && validate is not null)
        {
            // A field dropped for its type is not also "required".
            var typeProblems = errors.Paths.ToList();
            foreach (var (path, problems) in validate(body).ToDictionary())
            {
                if (!typeProblems.Any(p => path == p || path.StartsWith(p + ".", StringComparison.Ordinal) || path.StartsWith(p + "[", StringComparison.Ordinal)))
                {
                    foreach (var problem in problems)
                    {
                        errors.Add(path, problem);
                    }
                }
            }
        }

        return errors.IsEmpty ? (body, null) : (null, ApiProblems.Validation(errors.ToDictionary()));
    }

    /// <summary>
    /// Binds a body the serializer refused: well-formed JSON is bound again without each value it
    /// refused, every one recorded; malformed JSON is one problem at its position. Null when nothing binds.
    /// </summary>
    private static T? ReadAround<T>(byte[] bytes, JsonException first, FieldErrors errors, IReadOnlyDictionary<string, string>? notFields)
        where T : class
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: NodeOptions);
        }
        catch (JsonException)
        {
            errors.Add(FieldOf(first), $"{Reason(first)} (line {first.LineNumber + 1}, position {first.BytePositionInLine + 1}).");
            return null;
        }

        var e = first;
        var seen = new HashSet<string?>(StringComparer.Ordinal);
        for (var found = 1; seen.Add(e.Path); found++)
        {
            var path = JsonFieldPath.Parse(e.Path);
            var field = FieldOf(e);
            var setByUs = notFields?.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            var wrongType = path is null || !IsTypeProblem(e) ? null : JsonFieldTypes.Problem(Options, typeof(T), path, path.Find(root));
            errors.Add(field, setByUs ?? wrongType ?? Reason(e) + ".");
            if (root is null || path is null || found >= MaxTypeProblems || !path.Drop(root))
            {
                return null;
            }

            try
            {
                return root.Deserialize<T>(Options);
            }
            catch (JsonException next)
            {
                e = next;
            }
        }

        // The same value refused again once blanked (an array of numbers): what was said about it stands.
        return null;
    }

    private static bool IsTypeProblem(JsonException e) =>
        e.Message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal);

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
        if (IsTypeProblem(e))
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
