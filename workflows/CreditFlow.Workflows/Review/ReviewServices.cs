using CreditFlow.Domain.Reviews;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditFlow.Workflows.Review;

/// <summary>Registers re-review: the policy and settings from <c>Reviews</c>, and the services its activities and callers use.</summary>
public static class ReviewServices
{
    /// <summary>
    /// Binds <c>Reviews</c> onto <see cref="ReviewOptions"/> (validated at start) and <see cref="ReviewPolicy"/> (its
    /// defaults where unset), and adds <see cref="ReviewSteps"/> and <see cref="CustomerReviews"/>.
    /// </summary>
    public static IServiceCollection AddReviews(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Reviews");
        services.AddOptions<ReviewOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var policy = section.Get<ReviewPolicy>() ?? ReviewPolicy.Default;
        if (policy.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The re-review settings cannot be used: " + string.Join("; ", problems.Select(p => "Reviews__" + p)) + ".");
        }

        services.TryAddSingleton(policy);
        services.TryAddSingleton<ReviewSteps>();
        services.TryAddSingleton<CustomerReviews>();
        return services;
    }
}

/// <summary>The review orchestration and its activities.</summary>
internal static class ReviewRegistration
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<CustomerReviewWorkflow>()
        .AddActivity<ReviewCustomer>()
        .AddActivity<RecordReviewDecision>()
        .AddActivity<ScheduleReview>();
}
