using System.Globalization;
using System.Text;
using CreditFlow.ErpContract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFlow.AgencyStandIn;

/// <summary>
/// A collection agency standing in for a real one, in-process for tests or behind the CLI: it accepts
/// CreditFlow's signed placements and recalls (<see cref="StartAsync(CancellationToken)"/>, <see cref="Cases"/>) and reports
/// signed events back (<see cref="ReportAsync(string, AgencyEventKind, AgencyReportDetails?, CancellationToken)"/>).
/// </summary>
/// <remarks>
/// Requests are checked the way a careful agency would: the <c>X-CreditFlow-Agency</c> header must name this
/// agency and the ERP scheme's signature (<see cref="ErpSignature"/>) must verify with the shared key, else 401
/// and nothing is recorded. A signed body that is not a valid placement or recall gets 400, also unrecorded.
/// Reporting needs no listener, so the CLI's <c>report</c> never calls <see cref="StartAsync(CancellationToken)"/>.
/// </remarks>
public sealed partial class StandInAgency : IAsyncDisposable
{
    /// <summary>The header naming the agency, on every request both ways.</summary>
    public const string AgencyHeader = "X-CreditFlow-Agency";

    private readonly StandInAgencyOptions _options;
    private readonly TimeProvider _clock;
    private readonly CaseLog? _log;
    private readonly Lock _gate = new();
    private readonly List<ReceivedCase> _cases;
    private readonly List<SentEvent> _sent;
    private readonly Queue<int> _scripted = new();
    private TaskCompletionSource? _heldAnswer;
    private WebApplication? _app;
    private int _refused;

    /// <summary>Creates the agency, loading what <see cref="StandInAgencyOptions.StateFile"/> remembers; it listens only after <see cref="StartAsync(CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">The agency name or signing key is empty.</exception>
    public StandInAgency(StandInAgencyOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AgencyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SigningKey);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        _log = options.StateFile is { Length: > 0 } file ? new CaseLog(file) : null;
        (_cases, _sent) = _log?.Load() ?? ([], []);
        _client = options.Client ?? new HttpClient();
        _ownsClient = options.Client is null;
    }

    /// <summary>The address the listener is bound to (with the real port when started on port 0); null before <see cref="StartAsync(CancellationToken)"/>.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>The full URL placements and recalls are posted to: what CreditFlow's agency URL setting must be. Null before <see cref="StartAsync(CancellationToken)"/>.</summary>
    public Uri? CasesUrl { get; private set; }

    /// <summary>Every placement and recall accepted so far (those in the state file first), oldest first; a retried placement appears twice.</summary>
    public IReadOnlyList<ReceivedCase> Cases
    {
        get
        {
            lock (_gate)
            {
                return [.. _cases];
            }
        }
    }

    /// <summary>How many requests were refused: 401 (wrong agency, missing or bad signature) or 400 (signed but not a valid message).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The latest placement of a case, or null when none was received.</summary>
    public ReceivedCase? Placement(string caseId)
    {
        lock (_gate)
        {
            return _cases.LastOrDefault(c => c.Kind == CaseMessageKind.Placement && c.CaseId == caseId);
        }
    }

    /// <summary>Makes the next accepted requests answer these statuses instead of 200 (e.g. 503, to watch CreditFlow retry); a request answered with a non-2xx status is not recorded.</summary>
    public void AnswerNext(params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                _scripted.Enqueue(status);
            }
        }
    }

    /// <summary>
    /// Keeps CreditFlow waiting for the answer to the next accepted request, which is recorded at once, until the returned
    /// action releases it: what an agency slow to answer looks like, so a test can act while CreditFlow waits.
    /// </summary>
    public Action HoldNextAnswer()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _heldAnswer = held;
        }

        return () => held.TrySetResult();
    }

    /// <summary>Starts listening on <see cref="StandInAgencyOptions.ListenUrl"/>; <see cref="CasesUrl"/> then tells the bound address.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The stand-in agency is already listening.");
        }

        var listen = _options.ListenUrl;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"{listen.Scheme}://{listen.Host}:{listen.Port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        // Typed as a Func so the minimal API writes the returned IResult (a bare method group would bind as a RequestDelegate and drop it).
        app.MapPost(listen.AbsolutePath, (Func<HttpContext, Task<IResult>>)ReceiveAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        CasesUrl = new Uri(BaseAddress, listen.AbsolutePath);
    }

    /// <summary>Creates an agency and starts it listening: the one-liner for tests.</summary>
    public static async Task<StandInAgency> StartAsync(StandInAgencyOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var agency = new StandInAgency(options, clock);
        try
        {
            await agency.StartAsync(cancellationToken);
            return agency;
        }
        catch
        {
            await agency.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops listening and releases the HTTP client it made.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var now = _clock.GetUtcNow();
        var agency = http.Request.Headers[AgencyHeader].ToString();
        var signature = ErpSignature.Verify(
            [_options.SigningKey], http.Request.Headers[ErpSignature.TimestampHeader], http.Request.Headers[ErpSignature.SignatureHeader], body, now, _options.SignatureWindow);

        // The agency name is checked as well as the key: a message meant for another agency is not ours to work,
        // even if someone configured the same key twice.
        if (!string.Equals(agency, _options.AgencyName, StringComparison.OrdinalIgnoreCase) || signature != SignatureCheck.Valid)
        {
            Interlocked.Increment(ref _refused);
            Print($"refused: {AgencyHeader} '{agency}', signature {signature} → 401");
            return Results.Unauthorized();
        }

        ReceivedCase received;
        try
        {
            received = ReceivedCase.Parse(Encoding.UTF8.GetString(body), now);
        }
        catch (FormatException e)
        {
            Interlocked.Increment(ref _refused);
            Print($"refused: {e.Message} → 400");
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        int status;
        TaskCompletionSource? held;
        lock (_gate)
        {
            status = _scripted.TryDequeue(out var scripted) ? scripted : StatusCodes.Status200OK;
            if (status is >= 200 and < 300)
            {
                _cases.Add(received);
            }

            (held, _heldAnswer) = (_heldAnswer, null);
        }

        if (held is not null)
        {
            await held.Task.WaitAsync(http.RequestAborted);
        }

        if (status is >= 200 and < 300)
        {
            _log?.Received(received);
        }

        Print(Describe(received) + $" → {status.ToString(CultureInfo.InvariantCulture)}");
        return Results.StatusCode(status);
    }

    private static string Describe(ReceivedCase c)
    {
        if (c.Kind == CaseMessageKind.Recall)
        {
            return $"recall of {c.CaseId} at {c.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {c.Reason ?? "(no reason given)"}";
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"placement {c.CaseId} at {c.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z against {c.Customer!.Name} ({c.Customer.Id}")
            .Append(c.Customer.RegistrationNumber is { } number ? ", " + number : "")
            .Append(CultureInfo.InvariantCulture, $"), claimed {c.Claimed}");
        foreach (var invoice in c.Invoices)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    invoice {invoice.InvoiceId} due {invoice.DueDate:yyyy-MM-dd}: {invoice.Open} open");
        }

        return text.Append(CultureInfo.InvariantCulture, $"\n    case file {c.CaseFileUrl}\n    report to {c.EventsUrl}").ToString();
    }

    private void Print(string line) =>
        _options.Log?.WriteLine($"[{_clock.GetUtcNow().UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
}
