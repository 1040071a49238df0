using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Tests.Problems;

/// <summary>No body is too large for a proper answer: every POST and PUT of the API refuses one over its limit with 413 problem details.</summary>
public sealed class OversizedBodyTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EveryPostAndPutRoute_BodyOverTheServerLimit_Answers413ProblemDetails()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var document = (await api.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var routes = BodyRoutes(document).ToList();
        var serverLimit = api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize!.Value;
        var body = new byte[serverLimit + 1];

        var answers = new List<string>();
        foreach (var (method, path, contentType) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };

            // As curl does for large bodies: the server answers before the body is sent, so the client reads that answer.
            request.Headers.ExpectContinue = true;
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await api.As(CreditRole.SalesRep).SendAsync(request);
            var problem = await ProblemAsync(response);
            answers.Add($"{method} {path}: {(int)response.StatusCode} {problem?["title"]}");
        }

        Assert.Contains(routes, r => r is ("POST", "/api/applications", _));
        Assert.Contains(routes, r => r is ("PUT", _, _));
        Assert.Contains(routes, r => r.ContentType.StartsWith("multipart/", StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.EndsWith(": 413 Request body too large", answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileApplication_ChunkedBodyThatGrowsPastTheLimit_Answers413NotA500()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var serverLimit = api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize!.Value;

        // No Content-Length: the server finds out only while reading, as with a 40 MB upload sent in chunks.
        using var content = new StreamContent(new UnseekableJson(serverLimit + 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await api.As(CreditRole.SalesRep).PostAsync("/api/applications", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ProblemAsync(response);
        Assert.Equal("Request body too large", problem!["title"]!.GetValue<string>());
        Assert.Contains($"at most {serverLimit:N0} bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>(method, path with placeholder ids, the first content type the operation accepts) of each POST and PUT.</summary>
    internal static IEnumerable<(string Method, string Path, string ContentType)> BodyRoutes(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        let method = operation.Key.ToUpperInvariant()
        where method is "POST" or "PUT"
        let contentType = operation.Value!["requestBody"]?["content"]?.AsObject().Select(c => c.Key).FirstOrDefault() ?? "application/json"
        select (method, ApiWalk.Placeholders(path.Key), contentType);

    private static async Task<JsonObject?> ProblemAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;

    /// <summary>A JSON object of <paramref name="length"/> bytes that can only be read forward, so it is sent chunked.</summary>
    private sealed class UnseekableJson(long length) : Stream
    {
        // A real field, so the server has to read the whole value before it can judge the body.
        private static readonly byte[] Start = "{\"impressionReport\": \""u8.ToArray();
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < Start.Length ? Start[at] : (byte)'a';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
