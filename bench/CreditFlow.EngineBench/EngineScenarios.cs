using System.Diagnostics;
using CreditFlow.Durable.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.EngineBench;

/// <summary>
/// Scenarios (a) to (c) on one engine, in this child process: many HelloSequence at once, one big FanOutFanIn, and
/// single-activity latency. Each instance is started and awaited through the SDK's client, as any caller would.
/// </summary>
internal static class EngineScenarios
{
    public static async Task<Dictionary<string, object?>> RunAsync(Engine engine, string connectionString, BenchSettings settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("DurableTask", LogLevel.Error);
        engine.AddTo(builder.Services, connectionString, "bench" + engine.Name.Replace("-", string.Empty, StringComparison.Ordinal) + Guid.NewGuid().ToString("N")[..12], r => r.AddOrchestrator<SingleActivity>());
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        using var deadline = new CancellationTokenSource(settings.ScenarioTimeout * 4);
        var results = new Dictionary<string, object?>();

        Progress(engine, $"warm-up: {settings.WarmUp} HelloSequence, 2 SingleActivity, FanOutFanIn(20)");
        await Task.WhenAll(Enumerable.Range(0, settings.WarmUp).Select(_ => RunOneAsync(client, nameof(HelloSequence), null, deadline.Token)));
        await RunOneAsync(client, nameof(SingleActivity), null, deadline.Token);
        await RunOneAsync(client, nameof(SingleActivity), null, deadline.Token);
        await RunOneAsync(client, nameof(FanOutFanIn), 20, deadline.Token);

        Progress(engine, $"(a) {settings.HelloSequences} HelloSequence, {settings.Parallelism} in flight");
        using (var gate = new SemaphoreSlim(settings.Parallelism))
        {
            Mark.Window("a-start");
            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(Enumerable.Range(0, settings.HelloSequences).Select(async _ =>
            {
                await gate.WaitAsync(deadline.Token);
                try
                {
                    return await RunOneAsync(client, nameof(HelloSequence), null, deadline.Token);
                }
                finally
                {
                    gate.Release();
                }
            }));
            var wall = clock.Elapsed;
            Mark.Window("a-end");
            var completed = runs.Count(r => r.Completed && r.Output == """["Hello Tokyo!","Hello Seattle!","Hello London!"]""");
            results["a_helloSequence"] = new
            {
                instances = settings.HelloSequences,
                completedWithExpectedOutput = completed,
                wallSeconds = Percentiles.Round(wall.TotalSeconds),
                orchestrationsPerSecond = Percentiles.Round(completed / wall.TotalSeconds),
                instanceLatencyMs = Percentiles.Of(runs.Select(r => r.Latency).ToList()),
            };
        }

        Progress(engine, $"(b) one FanOutFanIn of {settings.FanOut}");
        Mark.Window("b-start");
        var fan = await RunOneAsync(client, nameof(FanOutFanIn), settings.FanOut, deadline.Token);
        Mark.Window("b-end");
        var expected = ((long)settings.FanOut * (settings.FanOut + 1) * ((2 * settings.FanOut) + 1) / 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        results["b_fanOutFanIn"] = new { activities = settings.FanOut, completedWithExpectedOutput = fan.Completed && fan.Output == expected, wallSeconds = Percentiles.Round(fan.Latency.TotalSeconds) };

        Progress(engine, $"(c) {settings.Sequential} SingleActivity one after another");
        Mark.Window("c-start");
        var singles = new List<Run>();
        for (var i = 0; i < settings.Sequential; i++)
        {
            singles.Add(await RunOneAsync(client, nameof(SingleActivity), null, deadline.Token));
        }

        Mark.Window("c-end");
        results["c_singleActivity"] = new
        {
            instances = settings.Sequential,
            completedWithExpectedOutput = singles.Count(r => r.Completed && r.Output == "\"Hello Bench!\""),
            latencyMs = Percentiles.Of(singles.Select(r => r.Latency).ToList()),
        };

        await host.StopAsync(CancellationToken.None);
        return results;
    }

    private static async Task<Run> RunOneAsync(DurableTaskClient client, string name, object? input, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellationToken);
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        return new Run(clock.Elapsed, done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.SerializedOutput);
    }

    internal static void Progress(Engine engine, string what) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {engine.Name}: {what}");

    private sealed record Run(TimeSpan Latency, bool Completed, string? Output);
}
