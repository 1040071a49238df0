using System.Diagnostics;
using System.Diagnostics.Metrics;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Workflows.Telemetry;

/// <summary>
/// CreditFlow's business spans and metrics, through <see cref="System.Diagnostics"/> only: the host
/// subscribes to <see cref="Name"/> when telemetry is on; otherwise nothing listens and nothing is
/// recorded. Each instrument is here, named once, so the code that counts (order checks, mail, and
/// the dunning and warning lifecycles) only calls it.
/// </summary>
public static class CreditFlowTelemetry
{
    /// <summary>The name of CreditFlow's own <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "CreditFlow";

    /// <summary>Business spans: the order check, the start of a hold, a mail sent.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Business metrics; the instruments below.</summary>
    public static readonly Meter Meter = new(Name);

    // Seconds: an order check is answered in milliseconds when storage is near, and must never take seconds.
    private static readonly double[] CheckBuckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Orders and shipments checked, by document kind and outcome (passed, held, repeat, conflict).</summary>
    public static readonly Counter<long> OrderChecks = Meter.CreateCounter<long>(
        "creditflow.order_checks", "{document}", "Orders and shipments checked, by document kind and outcome (passed, held, repeat, conflict).");

    /// <summary>How long an order check took, from reading the ledger to the committed answer.</summary>
    public static readonly Histogram<double> OrderCheckDuration = Meter.CreateHistogram(
        "creditflow.order_check.duration", "s", "Latency of an order or shipment check (read, decide, commit), by document kind and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CheckBuckets });

    /// <summary>Mails handed to the mail service (or the local outbox), by transport and whether it was a repeat of a sent one.</summary>
    public static readonly Counter<long> MailsSent = Meter.CreateCounter<long>(
        "creditflow.mails.sent", "{mail}", "Mails sent, by transport (sendgrid, outbox); a retried activity's repeat is not counted.");

    /// <summary>Dunning steps carried out, by dunning level and action; the dunning lifecycle counts through <see cref="DunningStepTaken"/>.</summary>
    public static readonly Counter<long> DunningSteps = Meter.CreateCounter<long>(
        "creditflow.dunning.steps", "{step}", "Dunning ladder steps carried out, by dunning level and action (mail, call task, warning, limit freeze, ...).");

    /// <summary>Warnings raised and not yet closed, by level; the warning lifecycle moves it through <see cref="WarningRaised"/> and <see cref="WarningClosed"/>.</summary>
    public static readonly UpDownCounter<long> WarningsOpen = Meter.CreateUpDownCounter<long>(
        "creditflow.warnings.open", "{warning}", "Credit warnings raised minus closed, by level (each process counts what it raised and closed; add the processes up).");

    /// <summary>Counts one order or shipment check and its latency.</summary>
    public static void OrderChecked(ErpDocumentKind kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "creditflow.document_kind", Lower(kind) }, { "creditflow.outcome", outcome } };
        OrderChecks.Add(1, tags);
        OrderCheckDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Counts a mail sent through <paramref name="transport"/> (<c>sendgrid</c> or <c>outbox</c>).</summary>
    public static void MailSent(string transport) => MailsSent.Add(1, new KeyValuePair<string, object?>("creditflow.mail.transport", transport));

    /// <summary>Counts a dunning step carried out: its level on the ladder and each action it took.</summary>
    public static void DunningStepTaken(int level, string action) =>
        DunningSteps.Add(1, new KeyValuePair<string, object?>("creditflow.dunning.level", level), new KeyValuePair<string, object?>("creditflow.dunning.action", action));

    /// <summary>A warning of <paramref name="level"/> was raised.</summary>
    public static void WarningRaised(WarningLevel level) => WarningsOpen.Add(1, new KeyValuePair<string, object?>("creditflow.warning.level", Lower(level)));

    /// <summary>A warning of <paramref name="level"/> was closed (resolved, withdrawn or superseded).</summary>
    public static void WarningClosed(WarningLevel level) => WarningsOpen.Add(-1, new KeyValuePair<string, object?>("creditflow.warning.level", Lower(level)));

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
