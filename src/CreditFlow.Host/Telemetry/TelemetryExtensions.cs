using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using CreditFlow.Durable.Tracing;
using CreditFlow.Workflows.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CreditFlow.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host, as <c>Telemetry__*</c> says: traces (HTTP in and out, the engine's
/// orchestration and activity spans, the order check, hold starts and mail), metrics (the engine's,
/// CreditFlow's, ASP.NET Core's and HttpClient's) and logs carrying their trace and span ids. Off by
/// default, and then nothing here is registered.
/// </summary>
internal static class TelemetryExtensions
{
    // Probes are polled every few seconds by the platform: spans of them would bury the real ones.
    private static readonly string[] Unrecorded = ["/healthz", "/readyz"];

    /// <summary>
    /// True for an outgoing call made within a trace (a request, a step, an activity). The engine's polling,
    /// lease renewals and timer scans run outside any: as root spans they would be most of what is exported.
    /// </summary>
    private static bool IsInATrace() => Activity.Current is { } call && call.ParentSpanId != default;

    public static WebApplicationBuilder AddCreditFlowTelemetry(this WebApplicationBuilder builder, TelemetrySettings settings)
    {
        if (!settings.IsOn)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing.AddSource(DurableTelemetry.Name, CreditFlowTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(DurableTelemetry.Name, CreditFlowTelemetry.Name));
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(o => o.Filter = http => !Unrecorded.Contains(http.Request.Path.Value, StringComparer.OrdinalIgnoreCase));
        builder.Services.AddHostedService<OpenHoldsGauge>();
        if (settings.Exporter != TelemetryExporter.AzureMonitor)
        {
            // The Azure Monitor distro brings these itself, and its own sampler.
            otel.WithTracing(t => t
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SampleRatio)))
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => IsInATrace()))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .WithLogging();
        }

        switch (settings.Exporter)
        {
            case TelemetryExporter.Console:
                otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter()).WithLogging(l => l.AddConsoleExporter());
                break;
            case TelemetryExporter.Otlp when settings.OtlpEndpoint is { } endpoint:
                otel.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
                break;
            case TelemetryExporter.Otlp:
                otel.UseOtlpExporter(); // OTEL_EXPORTER_OTLP_ENDPOINT and friends, or the collector on localhost
                break;
            case TelemetryExporter.AzureMonitor:
                otel.UseAzureMonitor(o =>
                {
                    o.ConnectionString = settings.AzureMonitorConnectionString;
                    o.SamplingRatio = (float)settings.SampleRatio;
                });
                break;
        }

        return builder;
    }
}
