using System.Text.Json;

namespace CreditFlow.Domain.Policies;

/// <summary>
/// What a draft changes against the version it replaces, value by value: the lines the committee reads before it
/// approves, e.g. <c>orderCheck.stopLineDaysOverdue: 30 → 20</c>.
/// </summary>
public static class PolicyChanges
{
    /// <summary>Every value added, removed or changed from <paramref name="fromJson"/> to <paramref name="toJson"/>, in document order.</summary>
    /// <exception cref="JsonException">Either text is not JSON.</exception>
    public static IReadOnlyList<PolicyChange> Between(string fromJson, string toJson)
    {
        var before = Flatten(fromJson);
        var after = Flatten(toJson);
        var changes = new List<PolicyChange>();
        foreach (var (path, value) in after)
        {
            var had = before.TryGetValue(path, out var old);
            if (!had || old != value)
            {
                changes.Add(new PolicyChange(path, had ? old : null, value));
            }
        }

        changes.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => new PolicyChange(b.Key, b.Value, null)));
        return changes;
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(document.RootElement, "", values);
        return values;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", values);
                }

                break;
            default:
                values[path] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                break;
        }
    }
}

/// <summary>One value a draft changes; <paramref name="From"/> null when added, <paramref name="To"/> null when removed.</summary>
public sealed record PolicyChange(string Path, string? From, string? To)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {From ?? "(none)"} → {To ?? "(none)"}";
}
