using System.Net;
using System.Text;
using System.Text.Json;
using CreditFlow.Host.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CreditFlow.Host.OpenApi;

/// <summary>
/// <c>/api/docs</c>: the OpenAPI document rendered on the server as one self-contained page (inline
/// CSS, no scripts, nothing fetched from elsewhere): each operation with its roles, parameters,
/// body schema and responses.
/// </summary>
internal static class ApiReferencePage
{
    private const int MaxSchemaDepth = 6;

    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete", "head", "options"];

    /// <summary>RFC 7807 bodies, the same everywhere: named, not spelt out at every error response.</summary>
    private static readonly HashSet<string> ProblemSchemas =
        ["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"];

    private const string Style = """
        body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
        header{background:#1d2330;color:#fff;padding:.8rem 1.4rem}header h1{margin:0;font-size:1.3rem}header p{margin:.3rem 0 0;color:#cfd6e2;max-width:70rem}
        header a{color:#cfe0ff}main{padding:1rem 1.4rem;max-width:70rem}
        nav ul{list-style:none;padding:0;margin:0 0 1.5rem}nav li{margin:.15rem 0}
        section.op{background:#fff;border:1px solid #dde1e7;border-radius:4px;padding:.6rem 1rem;margin:0 0 1.2rem}
        h2{font-size:1.1rem;margin:1.4rem 0 .6rem}h3{font-size:1.02rem;margin:.2rem 0 .4rem}h4{font-size:.95rem;margin:.9rem 0 .3rem}
        .m{display:inline-block;min-width:3.6rem;text-align:center;font:600 .8rem ui-monospace,monospace;padding:.1rem .35rem;border-radius:3px;color:#fff;background:#5b6576}
        .m-get{background:#2f6fd0}.m-post{background:#1f8a4c}.m-put{background:#a66a00}.m-delete{background:#b3261e}
        code,.path{font-family:ui-monospace,monospace}.desc{white-space:pre-line}
        table{border-collapse:collapse;width:100%;margin:.2rem 0}th,td{border:1px solid #dde1e7;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f5}
        ul.schema{margin:.1rem 0 .1rem 1.1rem;padding:0}ul.schema li{margin:.1rem 0}.t{color:#6a3fb5}.req{color:#b3261e;font-size:.85em}.muted{color:#6b7380}
        """;

    public static async Task<ContentHttpResult> RenderAsync(
        [FromKeyedServices(ApiDocumentation.DocumentName)] IOpenApiDocumentProvider provider, CancellationToken cancellationToken)
    {
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
        using var json = JsonDocument.Parse(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken));
        return TypedResults.Content(Render(json.RootElement), "text/html; charset=utf-8");
    }

    internal static string Render(JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = Operations(document).ToList();
        var info = document.GetProperty("info");
        var header = new StringBuilder().Append("<h1>")
            .Append(E(Text(info, "title"))).Append(" <span class=\"muted\">").Append(E(Text(info, "version"))).Append("</span></h1><p>")
            .Append(E(Text(info, "description"))).Append("</p><p>OpenAPI document: <a href=\"").Append(E(ApiDocumentation.DocumentPath)).Append("\">")
            .Append(E(ApiDocumentation.DocumentPath)).Append("</a></p>");
        var html = new StringBuilder().Append("<h2>Operations</h2><nav><ul>");
        foreach (var (path, method, operation) in operations)
        {
            html.Append("<li><a href=\"#").Append(E(Anchor(method, path, operation))).Append("\">").Append(MethodBadge(method))
                .Append(" <span class=\"path\">").Append(E(path)).Append("</span></a> <span class=\"muted\">").Append(E(Text(operation, "summary"))).Append("</span></li>");
        }

        html.Append("</ul></nav>");
        foreach (var (path, method, operation) in operations)
        {
            RenderOperation(html, path, method, operation, schemas);
        }

        // The reference is a page like the others: one layout, its own frame (no script).
        return PageLayout.Render(new PageFrame(Name: null, Style, header.ToString()), Text(info, "title") + " reference", html.ToString());
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        if (!document.TryGetProperty("paths", out var paths))
        {
            yield break;
        }

        foreach (var path in paths.EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    yield return (path.Name, method, operation);
                }
            }
        }
    }

    private static void RenderOperation(StringBuilder html, string path, string method, JsonElement operation, JsonElement schemas)
    {
        html.Append("<section class=\"op\" id=\"").Append(E(Anchor(method, path, operation))).Append("\"><h3>").Append(MethodBadge(method))
            .Append(" <span class=\"path\">").Append(E(path)).Append("</span></h3><p>").Append(E(Text(operation, "summary"))).Append("</p>");
        if (Text(operation, "description") is { Length: > 0 } description)
        {
            html.Append("<p class=\"desc\">").Append(E(description)).Append("</p>");
        }

        if (operation.TryGetProperty("parameters", out var parameters) && parameters.GetArrayLength() > 0)
        {
            html.Append("<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr>");
            foreach (var parameter in parameters.EnumerateArray())
            {
                html.Append("<tr><td><code>").Append(E(Text(parameter, "name"))).Append("</code></td><td>").Append(E(Text(parameter, "in")))
                    .Append("</td><td class=\"t\">").Append(E(parameter.TryGetProperty("schema", out var schema) ? TypeName(schema, schemas) : ""))
                    .Append("</td><td>").Append(parameter.TryGetProperty("required", out var required) && required.GetBoolean() ? "yes" : "no")
                    .Append("</td><td>").Append(E(Text(parameter, "description"))).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var bodyContent))
        {
            html.Append("<h4>Request body</h4>");
            RenderContent(html, bodyContent, schemas);
        }

        if (operation.TryGetProperty("responses", out var responses))
        {
            html.Append("<h4>Responses</h4><table><tr><th>Status</th><th>Description</th><th>Body</th></tr>");
            foreach (var response in responses.EnumerateObject())
            {
                html.Append("<tr><td><code>").Append(E(response.Name)).Append("</code></td><td>").Append(E(Text(response.Value, "description"))).Append("</td><td>");
                if (response.Value.TryGetProperty("content", out var content))
                {
                    RenderContent(html, content, schemas);
                }

                html.Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</section>");
    }

    private static void RenderContent(StringBuilder html, JsonElement content, JsonElement schemas)
    {
        foreach (var media in content.EnumerateObject())
        {
            html.Append("<div><code class=\"muted\">").Append(E(media.Name)).Append("</code>");
            if (media.Value.TryGetProperty("schema", out var schema))
            {
                html.Append(": <span class=\"t\">").Append(E(TypeName(schema, schemas))).Append("</span>");
                RenderProperties(html, schema, schemas, depth: 0, []);
            }

            html.Append("</div>");
        }
    }

    /// <summary>The properties of an object schema as a nested list; references are followed, cycles and depth cut short.</summary>
    private static void RenderProperties(StringBuilder html, JsonElement schema, JsonElement schemas, int depth, HashSet<string> open)
    {
        var (resolved, reference) = Resolve(schema, schemas);
        if (depth >= MaxSchemaDepth || (reference is not null && (ProblemSchemas.Contains(reference) || !open.Add(reference))))
        {
            return;
        }

        if (resolved.TryGetProperty("items", out var items))
        {
            RenderProperties(html, items, schemas, depth + 1, open);
        }
        else if (resolved.TryGetProperty("allOf", out var parts))
        {
            // Form bodies come as allOf, one part per form field.
            foreach (var part in parts.EnumerateArray())
            {
                RenderProperties(html, part, schemas, depth, open);
            }
        }
        else if (resolved.TryGetProperty("properties", out var properties))
        {
            var required = resolved.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
            html.Append("<ul class=\"schema\">");
            foreach (var property in properties.EnumerateObject())
            {
                html.Append("<li><code>").Append(E(property.Name)).Append("</code> <span class=\"t\">").Append(E(TypeName(property.Value, schemas))).Append("</span>");
                if (required.Contains(property.Name))
                {
                    html.Append(" <span class=\"req\">required</span>");
                }

                if (Text(Resolve(property.Value, schemas).Schema, "description") is { Length: > 0 } description)
                {
                    html.Append(" <span class=\"muted\">— ").Append(E(description)).Append("</span>");
                }

                RenderProperties(html, property.Value, schemas, depth + 1, open);
                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        if (reference is not null)
        {
            open.Remove(reference);
        }
    }

    /// <summary>A short type: "string (email)", "Money", "array of DocumentView", "object of number", "integer | null".</summary>
    private static string TypeName(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return reference.GetString()!.Split('/')[^1];
        }

        foreach (var (combinator, separator) in new[] { ("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ") })
        {
            if (schema.TryGetProperty(combinator, out var alternatives))
            {
                var names = alternatives.EnumerateArray().Select(a => TypeName(a, schemas)).Distinct().ToList();
                return string.Join(separator, names.Count > 1 ? names.Where(n => n != "null") : names);
            }
        }

        var types = !schema.TryGetProperty("type", out var type) ? [] :
            type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];

        // "null" only says a member may be left out or empty, and a number's "string" alternative is reading leniency: both are noise here.
        if (types.Count > 1)
        {
            types.Remove("null");
        }

        if (types.Contains("string") && (types.Contains("number") || types.Contains("integer")))
        {
            types.Remove("string");
        }
        var named = types.Select(t => t switch
        {
            "array" when schema.TryGetProperty("items", out var items) => $"array of {TypeName(items, schemas)}",
            "object" when schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object => $"object of {TypeName(values, schemas)}",
            _ => t,
        }).ToList();
        var name = named.Count == 0 ? "any" : string.Join(" | ", named);
        if (schema.TryGetProperty("format", out var format))
        {
            name += $" ({format.GetString()})";
        }

        if (schema.TryGetProperty("enum", out var enumValues))
        {
            name += ": " + string.Join(", ", enumValues.EnumerateArray().Select(v => v.ToString()));
        }

        return name;
    }

    private static (JsonElement Schema, string? Reference) Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object
            && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var target))
        {
            return (target, reference.GetString());
        }

        // A nullable reference is written as oneOf [null, $ref]: show what it is when present.
        if (schema.TryGetProperty("oneOf", out var alternatives) || schema.TryGetProperty("anyOf", out alternatives))
        {
            foreach (var alternative in alternatives.EnumerateArray())
            {
                if (alternative.TryGetProperty("$ref", out _))
                {
                    return Resolve(alternative, schemas);
                }
            }
        }

        return (schema, null);
    }

    private static string Anchor(string method, string path, JsonElement operation) =>
        Text(operation, "operationId") is { Length: > 0 } id ? id : method + path.Replace('/', '-').Replace('{', '_').Replace('}', '_');

    private static string MethodBadge(string method) => $"<span class=\"m m-{method}\">{method.ToUpperInvariant()}</span>";

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
