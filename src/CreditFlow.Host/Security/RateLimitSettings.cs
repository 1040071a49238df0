using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// Requests per minute one client address may send to the public surfaces that need no sign-in
/// (<c>RateLimits__Links</c>: approval and payment links, default 60; <c>RateLimits__Webhooks</c>: the
/// ERP's webhooks, default 60000, for an ERP posting a burst of orders). 0 switches a limit off.
/// </summary>
public sealed record RateLimitSettings(int LinksPerMinute = 60, int WebhooksPerMinute = 60_000)
{
    internal static RateLimitSettings From(SettingsReader read)
    {
        var links = read.Int("RateLimits:Links", "RateLimits__Links", 60);
        var webhooks = read.Int("RateLimits:Webhooks", "RateLimits__Webhooks", 60_000);
        if (links < 0)
        {
            throw new SettingsException("RateLimits__Links", "must be 0 (off) or more requests per minute.");
        }

        if (webhooks < 0)
        {
            throw new SettingsException("RateLimits__Webhooks", "must be 0 (off) or more requests per minute.");
        }

        return new RateLimitSettings(links, webhooks);
    }
}
