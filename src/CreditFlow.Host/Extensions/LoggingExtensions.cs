namespace CreditFlow.Host.Extensions;

internal static class LoggingExtensions
{
    /// <summary>Readable single lines while developing; JSON lines everywhere else, for log collectors.</summary>
    public static WebApplicationBuilder AddCreditFlowLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection($"{Configuration.FunctionAppSettingsLoader.HostSection}:logging"));
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        else
        {
            // Scopes carry the TraceId and SpanId of the request or step that wrote the line, so a log line leads to its trace.
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.IncludeScopes = true;
            });
        }

        return builder;
    }
}
