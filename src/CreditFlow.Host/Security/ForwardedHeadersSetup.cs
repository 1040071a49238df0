using CreditFlow.Host.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace CreditFlow.Host.Security;

/// <summary>
/// Believes <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> only from the configured proxies
/// (<see cref="ProxySettings"/>), so that behind a TLS-terminating front door the request's scheme,
/// host and client address are the public ones: same-origin checks pass, cookies are Secure, and the
/// rate limits count clients rather than the proxy. From anyone else the headers change nothing.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static WebApplication UseCreditFlowForwardedHeaders(this WebApplication app, CreditFlowSettings settings)
    {
        if (!settings.Proxy.Any)
        {
            return app; // the framework's default would believe loopback; nobody is believed here
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,

            // Every hop that is a listed proxy is unwrapped (front door, then the platform's ingress); the first other address is the client.
            ForwardLimit = null,

            // A forwarded host is believed only when it is the public one: no proxy can make us speak for another site.
            AllowedHosts = [settings.PublicBaseUrl.Authority],
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in settings.Proxy.Addresses)
        {
            options.KnownProxies.Add(address);
        }

        foreach (var network in settings.Proxy.Networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
