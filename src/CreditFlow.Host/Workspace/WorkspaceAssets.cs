using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace CreditFlow.Host.Workspace;

/// <summary>
/// The workspace's scripts and styles under <c>/assets</c>: its own (Workspace/Assets) and the npm packages it uses
/// (Chart.js), built into the host's assembly so that every way of running it — <c>./run.sh</c>, the tests, the
/// container, the Functions app — serves the same files without a static-files folder to deploy. Each address carries
/// a hash of the content, so browsers may keep a file for a year and still get a new one the day it changes.
/// </summary>
internal static class WorkspaceAssets
{
    private const string Prefix = "/assets/";
    private const string ResourcePrefix = "workspace/";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The address of asset <paramref name="name"/> (e.g. <c>workspace.css</c>), with its content's hash.</summary>
    /// <exception cref="KeyNotFoundException">No such asset is built in.</exception>
    public static string Href(string name) =>
        Assets.TryGetValue(name, out var asset) ? $"{Prefix}{name}?v={asset.Hash}" : throw new KeyNotFoundException($"No workspace asset '{name}'.");

    public static void MapWorkspaceAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{name}", (HttpContext http, string name) => Serve(http, name, "public, max-age=31536000, immutable"))
            .WithName("WorkspaceAsset").ExcludeFromDescription();

        // Browsers ask for it on every page, the older ones without a link to the icon too; its address carries no hash.
        app.MapGet("/favicon.ico", (HttpContext http) => Serve(http, "favicon.svg", "public, max-age=86400"))
            .WithName("Favicon").ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http, string name, string cacheControl)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WorkspaceAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
    }

    private static Asset Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var type = Path.GetExtension(resource) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "text/javascript; charset=utf-8",
        };
        return new Asset(content, type, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Hash);
}
