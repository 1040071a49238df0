using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Antiforgery;

namespace CreditFlow.Host.Security;

/// <summary>
/// The antiforgery check of the pages whose posts a cookie authorises (the credit workspace with its sign-in, the admin
/// monitor): every POST must carry the token of a page this browser was served — the hidden field each form renders
/// with <c>&lt;AntiforgeryToken /&gt;</c>, matching the antiforgery cookie (<see cref="AntiforgeryCookie"/>) — or it is
/// refused with 400 and a notice in the area's look, before anything runs. ASP.NET's own antiforgery does the checking;
/// its keys are shared by every host process (<see cref="DataProtectionKeys"/>). Signed-link pages (approvals, payments)
/// go without: the token in their address is the secret a forger lacks.
/// </summary>
internal static class FormTokenFilter
{
    /// <summary>The hidden field holding the token in every form.</summary>
    public const string FieldName = "__RequestVerificationToken";

    /// <summary>What the refusal page says.</summary>
    public const string Refusal = "This form was out of date, so nothing was changed. Open the page again and send the form from there.";

    /// <summary>Antiforgery with CreditFlow's cookie.</summary>
    public static IServiceCollection AddFormTokens(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.Cookie = new AntiforgeryCookie();
            options.FormFieldName = FieldName;
        });

    /// <summary>The filter, answering a POST without a valid token with <paramref name="refusal"/> of the request (a 400 page in the area's own look).</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Refusing(Func<HttpContext, IResult> refusal) =>
        async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsPost(http.Request.Method))
            {
                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException e)
                {
                    // A body the server would not read (too long, cut short) stays the server's answer (BadRequestExceptionHandler).
                    if (e.InnerException is BadHttpRequestException unreadable)
                    {
                        ExceptionDispatchInfo.Throw(unreadable);
                    }

                    return refusal(http);
                }
            }

            return await next(context);
        };
}
