using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CreditFlow.AgencyStandIn;

/// <summary>An event the stand-in sent, as far as the next event id needs to know.</summary>
internal sealed record SentEvent(string CaseId, AgencyEventKind Kind, string EventId, int StatusCode);

/// <summary>
/// The stand-in's memory across processes: a JSON-lines file, one line per case received
/// (<c>{"entry":"received","receivedAt":…,"body":{…}}</c>) or event sent
/// (<c>{"entry":"sent","sentAt":…,"status":200,"body":{…}}</c>). Lines are only appended, so a running
/// <c>listen</c> and a <c>report</c> in another terminal can share the file.
/// </summary>
internal sealed class CaseLog(string path)
{
    private readonly Lock _gate = new();

    public void Received(ReceivedCase received) =>
        Append(json =>
        {
            json.WriteString("entry", "received");
            json.WriteString("receivedAt", received.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WritePropertyName("body");
            // Re-written compactly: a pretty-printed body must not break the one-line-per-entry format.
            using var body = JsonDocument.Parse(received.Body);
            body.RootElement.WriteTo(json);
        });

    public void Sent(AgencyReportResult result, DateTimeOffset sentAt) =>
        Append(json =>
        {
            json.WriteString("entry", "sent");
            json.WriteString("sentAt", sentAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("status", result.StatusCode);
            json.WritePropertyName("body");
            using var body = JsonDocument.Parse(result.SentBody);
            body.RootElement.WriteTo(json);
        });

    /// <summary>Everything the file holds; a line that cannot be read (cut short by a crash, edited by hand) is skipped.</summary>
    public (List<ReceivedCase> Cases, List<SentEvent> Sent) Load()
    {
        var cases = new List<ReceivedCase>();
        var sent = new List<SentEvent>();
        if (!File.Exists(path))
        {
            return (cases, sent);
        }

        foreach (var line in File.ReadLines(path, Encoding.UTF8).Where(l => l.Length > 0))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var body = root.GetProperty("body");
                switch (root.GetProperty("entry").GetString())
                {
                    case "received":
                        cases.Add(ReceivedCase.Parse(body.GetRawText(), root.GetProperty("receivedAt").GetDateTimeOffset()));
                        break;
                    case "sent":
                        var kind = Enum.GetValues<AgencyEventKind>().Single(k => AgencyEvent.WireName(k) == body.GetProperty("kind").GetString());
                        sent.Add(new SentEvent(body.GetProperty("caseId").GetString()!, kind, body.GetProperty("eventId").GetString()!, root.GetProperty("status").GetInt32()));
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                // Skipped on purpose: the file is a convenience for the CLI, not a ledger.
            }
        }

        return (cases, sent);
    }

    private void Append(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(buffer.ToArray());
        }
    }
}
