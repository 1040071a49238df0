namespace CreditFlow.AgencyStandIn;

/// <summary>How one stand-in agency is set up; the CLI fills it from the environment (see Program).</summary>
public sealed record StandInAgencyOptions
{
    /// <summary>The sample key the local settings share with CreditFlow; never use it anywhere real.</summary>
    public const string SampleSigningKey = "local-agency-signing-key-change-me-0123456789";

    /// <summary>The address the CLI listens on by default.</summary>
    public static readonly Uri DefaultListenUrl = new("http://127.0.0.1:7098/agency/cases");

    /// <summary>The agency's name as CreditFlow knows it (<c>Agencies__&lt;name&gt;__...</c>); sent and expected in <c>X-CreditFlow-Agency</c>.</summary>
    public string AgencyName { get; init; } = "eastgate";

    /// <summary>The key shared with CreditFlow for this agency, both ways.</summary>
    public string SigningKey { get; init; } = SampleSigningKey;

    /// <summary>Where placements and recalls are accepted: scheme, host, port and path. Port 0 picks a free port (use an IP address then, not <c>localhost</c>).</summary>
    public Uri ListenUrl { get; init; } = DefaultListenUrl;

    /// <summary>
    /// CreditFlow's base address; events go to <c>{CreditFlowUrl}/api/agency/events</c>. When null, to the
    /// <c>eventsUrl</c> of the case's placement (so a test need not know the host's address twice).
    /// </summary>
    public Uri? CreditFlowUrl { get; init; }

    /// <summary>
    /// A client for posting events, e.g. one from <c>WebApplicationFactory.CreateClient()</c>; the stand-in makes
    /// its own when null. A given client is not disposed by the stand-in.
    /// </summary>
    public HttpClient? Client { get; init; }

    /// <summary>A JSON-lines file that keeps received cases and sent events across runs (the CLI's <c>listen</c> and <c>report</c> are separate processes); memory only when null.</summary>
    public string? StateFile { get; init; }

    /// <summary>The currency of a reported amount when neither the report nor a placement of the case names one.</summary>
    public string DefaultCurrency { get; init; } = "CNY";

    /// <summary>How far a request's timestamp may be from now, either way.</summary>
    public TimeSpan SignatureWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where to print one line per request received or refused; silent when null.</summary>
    public TextWriter? Log { get; init; }
}
