namespace CreditFlow.Host.Telemetry;

/// <summary>Where traces, metrics and logs go (<c>Telemetry__Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>Off: no OpenTelemetry at all, so the engine's and the workflows' spans and instruments have no listener and cost nothing.</summary>
    None,

    /// <summary>Printed to standard output, for trying it locally.</summary>
    Console,

    /// <summary>OTLP to a collector (<c>Telemetry__OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_*</c> variables).</summary>
    Otlp,

    /// <summary>Application Insights through the Azure Monitor distro (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>).</summary>
    AzureMonitor,
}
