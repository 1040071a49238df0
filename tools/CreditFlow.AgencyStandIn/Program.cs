using System.Globalization;

namespace CreditFlow.AgencyStandIn;

/// <summary>
/// A stand-in for a collection agency, for taking a legal case through an agency by hand:
/// <code>
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- listen                       # prints placements and recalls on http://127.0.0.1:7098/agency/cases
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- report CASE accepted
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- report CASE contact
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- report CASE promise 2026-02-15
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- report CASE recovery 1000.00 [--currency CNY]
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- report CASE offer 5000 [--note "final offer"]
/// dotnet run --project tools/CreditFlow.AgencyStandIn -- report CASE returned [--event-id ID]
/// </code>
/// Settings come from the environment like the host's: <c>AGENCY_NAME</c> (default eastgate),
/// <c>Agencies__&lt;name&gt;__SigningKey</c> (default: the sample key), <c>CREDITFLOW_URL</c> (default
/// http://localhost:7071), <c>AGENCY_LISTEN_URL</c> and <c>AGENCY_STATE_FILE</c> (default
/// .agency-standin/cases.jsonl, shared by <c>listen</c> and <c>report</c>).
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: listen\n" +
        "       report CASE accepted|contact|promise YYYY-MM-DD|recovery AMOUNT|offer AMOUNT|returned [--event-id ID] [--note TEXT] [--currency CNY]";

    private static async Task<int> Main(string[] args)
    {
        var name = Setting("AGENCY_NAME") ?? "eastgate";
        var options = new StandInAgencyOptions
        {
            AgencyName = name,
            SigningKey = Setting($"Agencies__{name}__SigningKey") ?? StandInAgencyOptions.SampleSigningKey,
            ListenUrl = new Uri(Setting("AGENCY_LISTEN_URL") ?? StandInAgencyOptions.DefaultListenUrl.ToString()),
            CreditFlowUrl = new Uri(Setting("CREDITFLOW_URL") ?? "http://localhost:7071"),
            StateFile = Setting("AGENCY_STATE_FILE") ?? Path.Combine(".agency-standin", "cases.jsonl"),
            Log = Console.Out,
        };

        switch (args)
        {
            case ["listen"]:
                await ListenAsync(options);
                return 0;
            case ["report", var caseId, .. var rest] when Report(rest) is { } report:
                return await ReportAsync(options, caseId, report.Kind, report.Details);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>Accepts placements and recalls until Ctrl+C, printing each (set AGENCY_FAIL_FIRST=n to answer 503 n times first).</summary>
    private static async Task ListenAsync(StandInAgencyOptions options)
    {
        await using var agency = new StandInAgency(options);
        if (int.TryParse(Setting("AGENCY_FAIL_FIRST"), NumberStyles.None, CultureInfo.InvariantCulture, out var failures))
        {
            agency.AnswerNext([.. Enumerable.Repeat(503, failures)]);
        }

        await agency.StartAsync();
        Console.WriteLine($"Agency stand-in '{options.AgencyName}' listening on {agency.CasesUrl} (CreditFlow's agency URL must point here); state in {options.StateFile}. Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the listener stops when the agency is disposed.
        }
    }

    private static async Task<int> ReportAsync(StandInAgencyOptions options, string caseId, AgencyEventKind kind, AgencyReportDetails details)
    {
        // Not started: reporting needs no listener, only the state file's cases (for their currency) and earlier event ids.
        await using var agency = new StandInAgency(options with { Log = null });
        AgencyReportResult result;
        try
        {
            result = await agency.ReportAsync(caseId, kind, details);
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"CreditFlow not reached at {options.CreditFlowUrl} ({e.Message}); is ./run.sh running?");
            return 1;
        }

        Console.WriteLine($"POST {result.Url} → {result.StatusCode.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine(result.SentBody);
        Console.WriteLine(result.ResponseBody);
        return result.IsSuccess ? 0 : 1;
    }

    /// <summary>Reads <c>KIND [VALUE] [--event-id ID] [--note TEXT] [--currency XXX]</c>; null when it does not parse.</summary>
    private static (AgencyEventKind Kind, AgencyReportDetails Details)? Report(string[] words)
    {
        var details = new AgencyReportDetails();
        var positional = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= words.Length || words[i] is not ("--event-id" or "--note" or "--currency"))
                {
                    return null;
                }

                var value = words[i + 1];
                details = words[i] switch
                {
                    "--event-id" => details with { EventId = value },
                    "--note" => details with { Note = value },
                    _ => details with { Currency = value },
                };
                i++;
            }
            else
            {
                positional.Add(words[i]);
            }
        }

        return positional switch
        {
            ["accepted"] => (AgencyEventKind.Accepted, details),
            ["contact"] => (AgencyEventKind.ContactMade, details),
            ["returned"] => (AgencyEventKind.ReturnedUnrecovered, details),
            ["promise", var date] when DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var promised) =>
                (AgencyEventKind.Promise, details with { PromisedDate = promised }),
            ["recovery" or "offer", var amount] when decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0 =>
                (positional[0] == "recovery" ? AgencyEventKind.Recovery : AgencyEventKind.SettlementOffer, details with { Amount = value }),
            _ => null,
        };
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
