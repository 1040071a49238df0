using CreditFlow.Host.Configuration;
using CreditFlow.Storage.Rehearsal;

namespace CreditFlow.Host.Rehearsal;

/// <summary>
/// The rehearsal clock (<c>Clock__Mode=Rehearsal</c>): off unless configured, refused in Production unless
/// <c>Clock__AllowRehearsalInProduction=true</c>, because a moved clock sends real reminders early.
/// </summary>
internal static class RehearsalHostExtensions
{
    /// <summary>Registers the rehearsal clock as the <see cref="TimeProvider"/> when configured; otherwise nothing.</summary>
    /// <exception cref="SettingsException"><c>Clock__Mode</c> is unknown, or Rehearsal in Production without the explicit allowance.</exception>
    public static IServiceCollection AddRehearsalClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, CreditFlowSettings settings)
    {
        var mode = configuration["Clock:Mode"];
        if (string.IsNullOrWhiteSpace(mode) || mode.Equals("System", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        if (!mode.Equals("Rehearsal", StringComparison.OrdinalIgnoreCase))
        {
            throw new SettingsException("Clock__Mode", $"must be System (the default) or Rehearsal, was '{mode}'.");
        }

        if (environment.IsProduction() && !configuration.GetValue("Clock:AllowRehearsalInProduction", false))
        {
            throw new SettingsException("Clock__Mode", "Rehearsal moves business time and sends real reminders early; it is refused in Production unless Clock__AllowRehearsalInProduction is true.");
        }

        var store = RehearsalOffsetStore.Create(settings.StorageConnectionString, settings.StoragePrefix);
        services.AddSingleton(sp => new RehearsalClock(TimeProvider.System, store));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<RehearsalClock>());
        return services;
    }

    /// <summary>True when the host runs on the rehearsal clock.</summary>
    public static bool IsRehearsing(this IServiceProvider services) => services.GetService<RehearsalClock>() is not null;
}
