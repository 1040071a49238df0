using System.Globalization;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Telemetry;

/// <summary>The <c>Telemetry__*</c> settings: whether and where traces, metrics and logs are exported.</summary>
/// <param name="Exporter">None (the default) turns telemetry off.</param>
/// <param name="ServiceName">The <c>service.name</c> of every span, metric and log record.</param>
/// <param name="SampleRatio">Share of traces kept (0-1), decided at the trace's root and followed by every hop.</param>
/// <param name="OtlpEndpoint">The collector for <see cref="TelemetryExporter.Otlp"/>; null: the exporter's default or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</param>
/// <param name="AzureMonitorConnectionString">Application Insights' connection string for <see cref="TelemetryExporter.AzureMonitor"/>.</param>
public sealed record TelemetrySettings(
    TelemetryExporter Exporter, string ServiceName = "creditflow", double SampleRatio = 1.0, Uri? OtlpEndpoint = null, string? AzureMonitorConnectionString = null)
{
    /// <summary>Off.</summary>
    public static TelemetrySettings Off { get; } = new(TelemetryExporter.None);

    /// <summary>True when anything is exported.</summary>
    public bool IsOn => Exporter != TelemetryExporter.None;

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="SettingsException">A value is not valid; the message names the key.</exception>
    internal static TelemetrySettings From(IConfiguration configuration, SettingsReader read)
    {
        var raw = configuration["Telemetry:Exporter"];
        var exporter = TelemetryExporter.None;
        if (!string.IsNullOrEmpty(raw) && !Enum.TryParse(raw, ignoreCase: true, out exporter) || !Enum.IsDefined(exporter))
        {
            throw new SettingsException("Telemetry__Exporter", $"must be None, Console, Otlp or AzureMonitor (was '{raw}').");
        }

        var ratioText = configuration["Telemetry:SampleRatio"];
        var ratio = 1.0;
        if (!string.IsNullOrEmpty(ratioText)
            && (!double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1))
        {
            throw new SettingsException("Telemetry__SampleRatio", $"must be a number from 0 to 1 (was '{ratioText}').");
        }

        var azure = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (exporter == TelemetryExporter.AzureMonitor && string.IsNullOrEmpty(azure))
        {
            throw new SettingsException("APPLICATIONINSIGHTS_CONNECTION_STRING", "is required when Telemetry__Exporter is AzureMonitor.");
        }

        var name = configuration["Telemetry:ServiceName"];
        return new TelemetrySettings(
            exporter, string.IsNullOrWhiteSpace(name) ? "creditflow" : name.Trim(), ratio, read.AbsoluteUri("Telemetry:OtlpEndpoint", "Telemetry__OtlpEndpoint"),
            string.IsNullOrEmpty(azure) ? null : azure);
    }
}
