using System.Text.Json.Nodes;

namespace CreditFlow.Host.Applications;

/// <summary>
/// A path as the serializer reports it (<c>$.customer.annualSales.amount</c>, <c>$.integrityIssues[2]</c>,
/// <c>$['odd key']</c>) split into property names and array indexes, to find or drop that value in a parsed body.
/// </summary>
internal sealed class JsonFieldPath
{
    private JsonFieldPath(IReadOnlyList<object> segments) => Segments = segments;

    /// <summary>Property names (string) and array indexes (int), outermost first; empty for the root.</summary>
    public IReadOnlyList<object> Segments { get; }

    /// <summary>The path's segments, or null when it is not a path the serializer writes.</summary>
    public static JsonFieldPath? Parse(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index))
                {
                    return null;
                }

                segments.Add(index);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return new JsonFieldPath(segments);
    }

    /// <summary>The value at this path in <paramref name="root"/>, or null when there is none (or it is JSON null).</summary>
    public JsonNode? Find(JsonNode? root)
    {
        var node = root;
        foreach (var segment in Segments)
        {
            node = (node, segment) switch
            {
                (JsonObject o, string name) => o[name],
                (JsonArray a, int index) when index < a.Count => a[index],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>
    /// Removes the value from <paramref name="root"/> (a property) or blanks it (an array item, so later
    /// indexes keep their meaning). False for the root itself or a path that leads nowhere.
    /// </summary>
    public bool Drop(JsonNode root)
    {
        if (Segments.Count == 0 || new JsonFieldPath(Segments.Take(Segments.Count - 1).ToList()).Find(root) is not { } parent)
        {
            return false;
        }

        switch (parent, Segments[^1])
        {
            case (JsonObject o, string name) when o.ContainsKey(name):
                o.Remove(name);
                return true;
            case (JsonArray a, int index) when index < a.Count && a[index] is not null:
                a[index] = null;
                return true;
            default:
                return false;
        }
    }
}
