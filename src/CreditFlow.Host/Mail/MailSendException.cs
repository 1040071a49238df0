using System.Net;

namespace CreditFlow.Host.Mail;

/// <summary>The mail service answered with an error; the activity fails and its retry policy decides.</summary>
internal sealed class MailSendException(HttpStatusCode statusCode, string idempotencyKey, string? detail)
    : Exception($"The mail service answered {(int)statusCode} {statusCode} for mail {idempotencyKey}: {detail}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string IdempotencyKey { get; } = idempotencyKey;
}
