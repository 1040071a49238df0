using CreditFlow.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CreditFlow.Functions.Http;

/// <summary>
/// The host's public surfaces (<see cref="PublicApi"/>) as one request pipeline inside the Functions worker: each HTTP
/// function hands its request here, and the host's own endpoint answers it, with its binding, validation,
/// authorization and problem details.
/// </summary>
public sealed class PublicApiPipeline
{
    private readonly RequestDelegate _pipeline;

    public PublicApiPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UsePublicApi();
        _pipeline = app.Build();
    }

    /// <summary>Answers <paramref name="request"/> as the host would.</summary>
    public Task ServeAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The Functions integration has routed the request to a function already; the host's routing matches it afresh.
        request.HttpContext.SetEndpoint(null);
        request.RouteValues.Clear();
        return _pipeline(request.HttpContext);
    }
}
