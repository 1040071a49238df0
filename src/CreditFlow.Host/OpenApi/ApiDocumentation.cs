using CreditFlow.Domain.Monetary;
using Microsoft.OpenApi;

namespace CreditFlow.Host.OpenApi;

/// <summary>
/// The OpenAPI document of the credit API (<c>/openapi/v1.json</c>), generated from the endpoints'
/// own metadata, and its reference page (<c>/api/docs</c>). Both are public: they describe the API
/// and hold no data.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/api/docs";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // The REST API lives under /api; the admin and durable management surfaces have their own key and audience.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Currency has its own JSON converter: on the wire it is the bare code.
                if (context.JsonTypeInfo.Type == typeof(Currency))
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Pattern = "^[A-Z]{3}$";
                    schema.Description = "ISO 4217 currency code, e.g. CNY.";
                    schema.Properties?.Clear();
                    schema.Required?.Clear();
                }

                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapApiReference();
        return app;
    }
}
