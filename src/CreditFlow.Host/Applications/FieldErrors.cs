namespace CreditFlow.Host.Applications;

/// <summary>Problems found in a request body, by JSON path (e.g. <c>customer.contactEmail</c>), in the order found.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The fields with problems, in the order found.</summary>
    public IEnumerable<string> Paths => _errors.Keys;

    public void Add(string path, string problem)
    {
        if (!_errors.TryGetValue(path, out var problems))
        {
            _errors[path] = problems = [];
        }

        problems.Add(problem);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
