using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CreditFlow.Host.OpenApi;

/// <summary>
/// Describes the API key: the <c>x-api-key</c> security scheme on the document, and on each operation
/// whose policy asks for it the requirement, the roles allowed and the 401 and 403 answers.
/// The roles are read from the registered policies, so the document cannot drift from what is enforced.
/// </summary>
internal sealed class ApiKeySecurityTransformer(IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeId = ApiKeyAuthenticationHandler.SchemeName;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CreditFlow API",
            Version = "v1",
            Description = "Credit applications and customers. Operations secured by ApiKey need an API key in the x-api-key header: the "
                + "key's role decides what it may do and its name is recorded in the decision log. Errors are RFC 7807 problem details; "
                + "a 400 names each bad field by its JSON path in 'errors'. Amounts are {\"amount\": 1000, \"currency\": \"CNY\"}.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key configured as ApiKeys__N__Sha256 (its SHA-256) with a name and a role.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policyNames = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct();
        var apiKeyPolicies = new List<AuthorizationPolicy>();
        foreach (var name in policyNames)
        {
            if (await policies.GetPolicyAsync(name) is { } policy && policy.AuthenticationSchemes.Contains(SchemeId))
            {
                apiKeyPolicies.Add(policy);
            }
        }

        if (apiKeyPolicies.Count == 0)
        {
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        // Point at the shared component when the endpoints' own problem responses created it.
        IOpenApiSchema problem = context.Document?.Components?.Schemas?.ContainsKey(nameof(ProblemDetails)) == true
            ? new OpenApiSchemaReference(nameof(ProblemDetails), context.Document)
            : await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        operation.Responses ??= [];
        operation.Responses["401"] = ProblemResponse("No API key, or one that is not configured.", problem);

        var roles = apiKeyPolicies.SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var rolesLine = roles.Count == 0 ? "Roles: any API key." : $"Roles: {string.Join(", ", roles)}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? rolesLine : $"{operation.Description}\n\n{rolesLine}";
        if (roles.Count > 0)
        {
            operation.Responses["403"] = ProblemResponse($"The API key's role may not do this; allowed: {string.Join(", ", roles)}.", problem);
        }
    }

    private static OpenApiResponse ProblemResponse(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
