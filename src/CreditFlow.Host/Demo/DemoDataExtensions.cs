namespace CreditFlow.Host.Demo;

/// <summary>Registers the demo data seeder when <c>Demo:Seed</c> is true.</summary>
internal static class DemoDataExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            services.AddSingleton<DemoData>();
            services.AddSingleton<DemoHistory>();
            services.AddHostedService<DemoDataSeeder>();
        }

        return services;
    }
}
