using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Monetary;
using CreditFlow.ErpContract;
using CreditFlow.Storage;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Erp;

/// <summary>
/// The ERP's webhooks under <c>/api/erp</c>. Each request is signed (see <see cref="ErpSignature"/>);
/// the signature is checked on the raw body before anything is parsed or stored. A missing or bad
/// signature or a stale timestamp is 401, a malformed body 400 naming each field, a document id
/// reused with another content 409 (compared as canonical JSON: reformatting is no difference);
/// otherwise the answer is the stored first answer to that document.
/// </summary>
internal static class ErpWebhooksApi
{
    /// <summary>Largest body accepted: an ERP document is small; anything bigger is refused unread.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapErpWebhooks(this IEndpointRouteBuilder app)
    {
        var erp = app.MapGroup("/api/erp").WithTags("ERP webhooks");
        erp.MapPost("/orders", (HttpContext http, OrderCheckService s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.Order, s.OrderAsync))
            .WithName("ErpOrder").WithSummary("Checks an order: pass (credit reserved) or hold, with reasons, remedies and the hold id.");
        erp.MapPost("/shipments", (HttpContext http, OrderCheckService s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.Shipment, s.ShipmentAsync))
            .WithName("ErpShipment").WithSummary("Checks a shipment; a release of its order covers it within the tolerance.");
        erp.MapPost("/invoices", (HttpContext http, LedgerBookings s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.Invoice, s.InvoiceAsync))
            .WithName("ErpInvoice").WithSummary("Books an invoice: its order's credit becomes a receivable.");
        erp.MapPost("/payments", (HttpContext http, LedgerBookings s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.Payment, s.PaymentAsync))
            .WithName("ErpPayment").WithSummary("Books a payment or prepayment and lets the customer's holds re-check.");
        erp.MapPost("/credit-notes", (HttpContext http, LedgerBookings s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.CreditNote, s.CreditNoteAsync))
            .WithName("ErpCreditNote").WithSummary("Books a credit note: its invoice owes less; a credit in full ends the invoice's dunning.");
        erp.MapPost("/payment-reversals", (HttpContext http, LedgerBookings s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.PaymentReversal, s.PaymentReversalAsync))
            .WithName("ErpPaymentReversal").WithSummary("Books a payment taken back: its invoice is owed again and its dunning resumes.");
        erp.MapPost("/order-cancellations", (HttpContext http, LedgerBookings s, ErpMessageSigning v, IOptions<ErpOptions> o, TimeProvider t) =>
                ReceiveAsync(http, v, o.Value, t, ErpMessageParser.Cancellation, s.CancellationAsync))
            .WithName("ErpOrderCancellation").WithSummary("Books a cancellation: what has not shipped stops counting; a hold ends.");
        return erp;
    }

    private static async Task<IResult> ReceiveAsync<T>(
        HttpContext http, ErpMessageSigning signing, ErpOptions options, TimeProvider clock, Func<ErpFields, T> parse, Func<T, string, CancellationToken, Task<ErpAnswer>> process)
    {
        var body = await ReadBodyAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem(title: "Body too large", detail: $"An ERP document may have at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var now = Rehearsal.RehearsalClock.RealTimeOf(clock);
        var check = signing.Verify(http.Request.Headers[ErpSignature.TimestampHeader], http.Request.Headers[ErpSignature.SignatureHeader], body, now);
        if (check != SignatureCheck.Valid)
        {
            return Unauthorized(check, options);
        }

        var fields = ErpFields.Open(body, out var errors);
        if (fields is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Malformed ERP document");
        }

        var message = parse(fields);
        if (fields.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(fields.Errors, title: "Malformed ERP document");
        }

        ErpAnswer answer;
        try
        {
            // By content: a replay that only changes whitespace, member order or number format is the same document.
            answer = await process(message, CanonicalJson.Sha256(body), http.RequestAborted);
        }
        catch (CurrencyMismatchException e)
        {
            return CurrencyMismatch(e, body);
        }
        catch (ConcurrencyConflictException e)
        {
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(title: "Busy customer", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (answer.Outcome == ErpAnswerOutcome.Busy)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(answer.RetryAfter!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return answer.Outcome switch
        {
            ErpAnswerOutcome.Answered => Results.Text(answer.Json, "application/json", statusCode: StatusCodes.Status200OK),
            ErpAnswerOutcome.Busy => TypedResults.Problem(title: "Order check busy", detail: answer.Detail, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Problem(title: "Document id reused", detail: answer.Detail, statusCode: StatusCodes.Status409Conflict),
        };
    }

    /// <summary>
    /// 422 naming <c>amount.currency</c>: every document states its money in "amount" (an order's
    /// prepayment must match it), and the customer's credit is kept in one currency.
    /// </summary>
    private static IResult CurrencyMismatch(CurrencyMismatchException e, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var sent = document.RootElement.TryGetProperty("amount", out var amount) && amount.ValueKind == JsonValueKind.Object
            && amount.TryGetProperty("currency", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        var customers = e.Left.Code == sent ? e.Right : e.Left;
        var problem = sent is null
            ? $"must be the customer's currency: {e.Left} and {e.Right} cannot be combined without an exchange rate."
            : $"must be {customers}, the currency of the customer's credit (was {sent}); amounts are not converted.";
        return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["amount.currency"] = [problem] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Currency mismatch",
            Detail = "The document is well-formed but its currency is not the customer's. Nothing was stored.",
        });
    }

    private static IResult Unauthorized(SignatureCheck check, ErpOptions options) => TypedResults.Problem(
        title: "ERP signature refused",
        detail: options.SigningKeys.Count == 0 ? "No ERP signing key is configured (Erp__SigningKeys__0)." : check switch
        {
            SignatureCheck.Missing => $"Send the {ErpSignature.TimestampHeader} (Unix seconds) and {ErpSignature.SignatureHeader} (sha256=<hex HMAC-SHA256 of \"timestamp.body\">) headers.",
            SignatureCheck.Stale => $"The timestamp is more than {options.SignatureWindow} away from now; sign the request when you send it.",
            _ => "The signature does not match the body and timestamp under any configured key.",
        },
        statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>The raw body, or null (unread past the limit) when it has more than <paramref name="maxBytes"/> bytes.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
