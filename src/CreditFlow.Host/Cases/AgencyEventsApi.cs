using System.Globalization;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.ErpContract;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Erp;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Workflows.LegalHandoff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Cases;

/// <summary>
/// The agencies' side: their reports on the cases they hold (<c>POST /api/agency/events</c>) and the case file of a case
/// placed with them (<c>GET /api/agency/cases/{id}/file</c>), each a request signed with the agency's own key and the
/// agency named in <see cref="SignedAgencyChannel.AgencyHeader"/>. A report is applied once: sent again it is answered as
/// the first time; its event id with another content is 409; nothing is stored on any error.
/// </summary>
internal static class AgencyEventsApi
{
    /// <summary>Largest report accepted; anything bigger is refused unread.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapAgencyApi(this IEndpointRouteBuilder app)
    {
        var agency = app.MapGroup("/api/agency").WithTags("Collection agencies");
        agency.MapPost("/events", ReportAsync)
            .WithName("ReceiveAgencyEvent")
            .WithSummary("An agency reports on a case it holds: accepted, contact made, promise, recovery, settlement offer, returned unrecovered (signed webhook).")
            .WithDescription($"Signed as the ERP signs ({ErpSignature.TimestampHeader}, {ErpSignature.SignatureHeader}) with the agency's key (Agencies__<name>__SigningKey), "
                + $"the agency named in {SignedAgencyChannel.AgencyHeader}. Body: {{\"eventId\", \"caseId\", \"kind\", \"occurredAt\", \"amount\", \"promisedDate\", \"note\"}}; kind one of "
                + string.Join(", ", AgencyEventBody.Kinds) + ". A recovery is booked as payments on the case's invoices (oldest due first) with the agency's commission; a settlement offer goes to the tier whose authority covers what it writes off. "
                + "Idempotent by the agency and eventId. 401 unsigned or forged, 404 unknown case, 409 a case not with this agency or an event id reused.")
            .Accepts<AgencyEventBody>("application/json")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        agency.MapGet("/cases/{caseId}/file", FileAsync)
            .WithName("GetAgencyCaseFile")
            .WithSummary("The case file of a case placed with the calling agency (signed request over an empty body).")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return agency;
    }

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> ReportAsync(
        HttpContext http, SignedAgencyChannel channel, LegalCases legal, CaseStore cases, CaseDebts debts, TimeProvider clock)
    {
        var cancellationToken = http.RequestAborted;
        var body = await ErpWebhooksApi.ReadBodyAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(title: "Body too large", detail: $"An agency report may have at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (Verify(http, channel, clock, body) is { } refused)
        {
            return refused.Problem;
        }

        if (!http.Request.HasJsonContentType())
        {
            return ApiProblems.UnsupportedMediaType("Send the body as JSON with Content-Type: application/json.");
        }

        var (report, problem) = JsonBody.Read<AgencyEventBody>(body, validate: AgencyEventBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        var agency = channel.Agency(http.Request.Headers[SignedAgencyChannel.AgencyHeader])!;
        var received = new AgencyReport(
            report!.EventId!, agency, report.ParsedKind, report.OccurredAt!.Value.ToUniversalTime(), clock.GetUtcNow(), report.ParsedAmount, report.ParsedPromisedDate, report.Note?.Trim());
        try
        {
            var (applied, outcome) = await legal.ReportAsync(report.CaseId!, received, CanonicalJson.Sha256(body), cancellationToken);
            if (outcome == ReportAddition.IdReused)
            {
                return ApiProblems.Conflict("Event id reused", $"{agency} sent event '{report.EventId}' before with another content. Nothing was stored; a new report needs a new eventId.");
            }

            return TypedResults.Ok(await CasesApi.ViewAsync((await cases.GetAsync(applied.CaseId, cancellationToken))!, debts, cancellationToken));
        }
        catch (KeyNotFoundException)
        {
            return ApiProblems.NotFound("Case", $"caseId: no legal case '{report.CaseId}'. Nothing was stored.");
        }
        catch (CaseActionRefusedException e)
        {
            return ApiProblems.Conflict("Report refused", $"{e.Message}. Nothing was stored.");
        }
    }

    internal static async Task<IResult> FileAsync(string caseId, HttpContext http, SignedAgencyChannel channel, CaseStore cases, CaseFileStore files, TimeProvider clock)
    {
        if (Verify(http, channel, clock, []) is { } refused)
        {
            return refused.Problem;
        }

        var agency = channel.Agency(http.Request.Headers[SignedAgencyChannel.AgencyHeader]);
        if (!ResourceIds.IsPlausible(caseId) || await cases.GetAsync(caseId, http.RequestAborted) is not { } record || record.Progress.PlacedWith != agency)
        {
            // Another agency's case is as unknown to this one as a case that does not exist.
            return ApiProblems.NotFound("Case", $"No case '{caseId}' is placed with {agency}.");
        }

        return await CasesApi.CaseFileAsync(caseId, cases, files, http.RequestAborted) ?? ApiProblems.NotFound("Case file", $"Case '{caseId}' has no case file yet.");
    }

    /// <summary>Null when the request is signed by a configured agency; otherwise the 401 to answer.</summary>
    private static Refusal? Verify(HttpContext http, SignedAgencyChannel channel, TimeProvider clock, byte[] body)
    {
        var headers = http.Request.Headers;
        if (channel.Agency(headers[SignedAgencyChannel.AgencyHeader]) is not { } agency)
        {
            return new Refusal(Unauthorized(headers.ContainsKey(SignedAgencyChannel.AgencyHeader)
                ? $"The {SignedAgencyChannel.AgencyHeader} header does not name a configured agency (Agencies__<name>__SigningKey)."
                : $"Name your agency in the {SignedAgencyChannel.AgencyHeader} header, as it is configured (Agencies__<name>__SigningKey)."));
        }

        var now = Rehearsal.RehearsalClock.RealTimeOf(clock);
        return channel.Verify(agency, headers[ErpSignature.TimestampHeader], headers[ErpSignature.SignatureHeader], body, now) switch
        {
            SignatureCheck.Valid => null,
            SignatureCheck.Missing => new Refusal(Unauthorized($"Send the {ErpSignature.TimestampHeader} (Unix seconds) and {ErpSignature.SignatureHeader} (sha256=<hex HMAC-SHA256 of \"timestamp.body\">) headers.")),
            SignatureCheck.Stale => new Refusal(Unauthorized($"The timestamp is more than {channel.Window} away from now; sign the request when you send it.")),
            _ => new Refusal(Unauthorized($"The signature does not match the body and timestamp under any key of agency '{agency}'.")),
        };
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Agency signature refused", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    private sealed record Refusal(ProblemHttpResult Problem);
}
