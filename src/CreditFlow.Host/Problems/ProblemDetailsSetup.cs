using CreditFlow.Host.Applications;

namespace CreditFlow.Host.Problems;

/// <summary>
/// One error format for every answer of 400 and above: <c>application/problem+json</c> with a title
/// saying what went wrong. Handlers write their own problems (<see cref="ApiProblems"/>); this covers
/// what the framework answers by itself.
/// </summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddCreditFlowProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkTitles.Apply);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>Exceptions, then bodiless status codes, then the body limit: the order matters, outermost first.</summary>
    public static IApplicationBuilder UseCreditFlowProblemDetails(this IApplicationBuilder app) => app
        .UseExceptionHandler()
        .UseStatusCodePages()
        .UseRequestBodyLimit();
}
