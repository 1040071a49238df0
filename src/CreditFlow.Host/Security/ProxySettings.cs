using System.Net;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// The reverse proxies in front of the host (<c>Proxy__KnownProxies</c>: addresses or networks, comma
/// separated) whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed. None configured:
/// forwarded headers are ignored from everyone, loopback included.
/// </summary>
public sealed record ProxySettings(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPNetwork> Networks)
{
    /// <summary>No proxy: nothing forwarded is believed.</summary>
    public static ProxySettings None { get; } = new([], []);

    /// <summary>True when some proxy is configured.</summary>
    public bool Any => Addresses.Count > 0 || Networks.Count > 0;

    /// <exception cref="SettingsException">An entry is neither an IP address nor a network in CIDR notation.</exception>
    internal static ProxySettings From(IConfiguration configuration)
    {
        var addresses = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var entry in (configuration["Proxy:KnownProxies"] ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                throw new SettingsException("Proxy__KnownProxies", $"must list IP addresses or networks such as 10.0.0.0/16, comma separated ('{entry}' is neither).");
            }
        }

        return new ProxySettings(addresses, networks);
    }
}
