using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CreditFlow.Testing;
using CreditFlow.Durable.AzureStorage.Worker;
using Microsoft.AspNetCore.Mvc;

namespace CreditFlow.Host.Tests.Apis;

/// <summary>
/// The Durable Functions HTTP management API, answered alike on both engines: every test here runs once per
/// engine (<see cref="DurableManagementApiTests"/>, <see cref="DurableManagementApiOnAzureStorageTests"/>).
/// </summary>
public abstract class DurableManagementApiContract(AzuriteFixture storage, IReadOnlyDictionary<string, string?> engine)
{
    protected const string Key = "test-admin-key-0123456789";
    protected const string Root = "/runtime/webhooks/durabletask";

    protected AzuriteFixture Storage => storage;

    private protected async Task<RunningHost> StartAsync()
    {
        var host = await RunningHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?>(engine) { ["AdminKey"] = Key });
        host.Client.DefaultRequestHeaders.Add("x-functions-key", Key);
        return host;
    }

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonElement> BodyAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Polls the status URL until it answers <paramref name="until"/> (and, if given, that runtime status).</summary>
    private protected static async Task<JsonElement> WaitForStatusAsync(RunningHost host, string id, HttpStatusCode until, string? runtimeStatus = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await host.Client.GetAsync($"{Root}/instances/{id}", cts.Token);
            if (response.StatusCode == until)
            {
                var body = await BodyAsync(response);
                if (runtimeStatus is null || body.GetProperty("runtimeStatus").GetString() == runtimeStatus)
                {
                    return body;
                }
            }

            await Task.Delay(20, cts.Token);
        }
    }

    [Fact]
    public async Task Start_WithInstanceId_Answers202WithManagementUrls()
    {
        await using var host = await StartAsync();

        var response = await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/loan-42", Json("3600"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("loan-42", body.GetProperty("id").GetString());
        foreach (var url in new[] { "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri", "restartPostUri", "rewindPostUri" })
        {
            Assert.Contains("/runtime/webhooks/durabletask/instances/loan-42", body.GetProperty(url).GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(body.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location!.ToString());
        Assert.Equal("10", response.Headers.RetryAfter!.ToString());
    }

    [Fact]
    public async Task Lifecycle_RunningThenEventThenCompleted_Answers202Then200WithHistory()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/flow-1", Json("3600"));
        // 202 answers both Pending and Running; wait for the worker to have started it.
        var running = await WaitForStatusAsync(host, "flow-1", HttpStatusCode.Accepted, "Running");
        Assert.Equal(3600, running.GetProperty("input").GetInt32());

        var raised = await host.Client.PostAsync($"{Root}/instances/flow-1/raiseEvent/Approval", Json("\"erin\""));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        await WaitForStatusAsync(host, "flow-1", HttpStatusCode.OK);

        var done = await BodyAsync(await host.Client.GetAsync($"{Root}/instances/flow-1?showHistory=true&showHistoryOutput=true"));
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("approved by erin", done.GetProperty("output").GetString());
        Assert.Equal(3600, done.GetProperty("input").GetInt32());
        var events = done.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("EventType").GetString()).ToList();
        Assert.Contains("EventRaised", events);
        Assert.Equal("ExecutionCompleted", events[^2]);
    }

    [Fact]
    public async Task ControlOperations_UnknownThenEnded_Answer404And410()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"{Root}/instances/ghost")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"{Root}/instances/ghost/terminate", null)).StatusCode);

        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/t-1", Json("3600"));
        await WaitForStatusAsync(host, "t-1", HttpStatusCode.Accepted, "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostAsync($"{Root}/instances/t-1/terminate?reason=duplicate", null)).StatusCode);
        var terminated = await WaitForStatusAsync(host, "t-1", HttpStatusCode.OK, "Terminated");

        Assert.Equal("Terminated", terminated.GetProperty("runtimeStatus").GetString());
        var again = await host.Client.PostAsync($"{Root}/instances/t-1/terminate", null);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync($"{Root}/instances/t-1/raiseEvent/Approval", Json("1"))).StatusCode);
    }

    [Fact]
    public async Task Start_RunningIdAgain_Answers409()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/dup", Json("3600"));
        await WaitForStatusAsync(host, "dup", HttpStatusCode.Accepted, "Running");

        var response = await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/dup", Json("3600"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Start_BadJson_Answers400NamingTheProblemAndStartsNothing()
    {
        await using var host = await StartAsync();

        var response = await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/bad-json", Json("{ \"timeout\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("The request body is not valid JSON", problem.Title);
        Assert.Contains("Line 1", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"{Root}/instances/bad-json")).StatusCode);
    }

    [Fact]
    public async Task AdminKey_MissingOrWrong_Answers401_CodeQueryWorks()
    {
        await using var host = await RunningHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?>(engine) { ["AdminKey"] = Key });

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync($"{Root}/instances")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, $"{Root}/instances");
        wrong.Headers.Add("x-functions-key", Key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"{Root}/instances?code={Key}")).StatusCode);
    }

    [Fact]
    public async Task List_FiltersAndContinuationToken_PageThroughMatches()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/page-{i}", Json("3600"));
        }

        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/other-1", Json("3600"));
        var seen = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/instances?instanceIdPrefix=page-&top=2&runtimeStatus=Pending,Running");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            var response = await host.Client.SendAsync(request);
            seen.AddRange((await BodyAsync(response)).EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"page-{i}"), seen.Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync($"{Root}/instances?runtimeStatus=Sleeping")).StatusCode);
    }

    [Fact]
    public async Task Purge_EndedInstance_Answers200ThenNotFound()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/HelloSequence/hello-1", null);
        await WaitForStatusAsync(host, "hello-1", HttpStatusCode.OK);

        var purged = await host.Client.DeleteAsync($"{Root}/instances/hello-1");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await BodyAsync(purged)).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"{Root}/instances/hello-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.DeleteAsync($"{Root}/instances/hello-1")).StatusCode);
    }

    [Fact]
    public async Task Status_Running_Answers202WithRetryAfterAndLocation()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/wait-1", Json("3600"));
        await WaitForStatusAsync(host, "wait-1", HttpStatusCode.Accepted, "Running");

        var response = await host.Client.GetAsync($"{Root}/instances/wait-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter!.ToString());
        Assert.EndsWith($"{Root}/instances/wait-1", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Failed_Answers200_Or500WhenAskedTo()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/NoSuchWorkflow/broken-1", null);
        var failed = await WaitForStatusAsync(host, "broken-1", HttpStatusCode.OK, "Failed");

        var asked = await host.Client.GetAsync($"{Root}/instances/broken-1?returnInternalServerErrorOnFailure=true");

        Assert.Contains("No orchestrator named 'NoSuchWorkflow'", failed.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, asked.StatusCode);
        Assert.Equal("Failed", (await BodyAsync(asked)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Purge_RunningInstance_DeletesItAsDurableFunctionsDoes()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/running-purge", Json("3600"));
        await WaitForStatusAsync(host, "running-purge", HttpStatusCode.Accepted, "Running");

        var purged = await host.Client.DeleteAsync($"{Root}/instances/running-purge");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await BodyAsync(purged)).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"{Root}/instances/running-purge")).StatusCode);
    }

    [Fact]
    public async Task Rewind_UnknownCompletedFailed_Answer404_410_202()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/HelloSequence/rewind-done", null);
        await host.Client.PostAsync($"{Root}/orchestrators/NoSuchWorkflow/rewind-failed", null);
        await WaitForStatusAsync(host, "rewind-done", HttpStatusCode.OK, "Completed");
        await WaitForStatusAsync(host, "rewind-failed", HttpStatusCode.OK, "Failed");

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"{Root}/instances/ghost/rewind", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync($"{Root}/instances/rewind-done/rewind", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostAsync($"{Root}/instances/rewind-failed/rewind?reason=retry", null)).StatusCode);
    }

    [Fact]
    public async Task Restart_WithNewId_RunsTheSameInputAgain()
    {
        await using var host = await StartAsync();
        await host.Client.PostAsync($"{Root}/orchestrators/FanOutFanIn/sum-1", Json("4"));
        await WaitForStatusAsync(host, "sum-1", HttpStatusCode.OK);

        var restarted = await host.Client.PostAsync($"{Root}/instances/sum-1/restart?restartWithNewInstanceId=true", null);

        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        var newId = (await BodyAsync(restarted)).GetProperty("id").GetString()!;
        Assert.NotEqual("sum-1", newId);
        Assert.Equal(30, (await WaitForStatusAsync(host, newId, HttpStatusCode.OK)).GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task PurgeByFilter_EndedOnly_AnswersCountThen404()
    {
        await using var host = await StartAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("o");
        await host.Client.PostAsync($"{Root}/orchestrators/HelloSequence/done-1", null);
        await WaitForStatusAsync(host, "done-1", HttpStatusCode.OK);
        await host.Client.PostAsync($"{Root}/orchestrators/ApprovalWait/open-1", Json("3600"));
        await WaitForStatusAsync(host, "open-1", HttpStatusCode.Accepted, "Running");

        var purged = await host.Client.DeleteAsync($"{Root}/instances?createdTimeFrom={Uri.EscapeDataString(from)}&runtimeStatus=Completed,Running");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await BodyAsync(purged)).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.GetAsync($"{Root}/instances/open-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.DeleteAsync($"{Root}/instances?createdTimeFrom={Uri.EscapeDataString(from)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.DeleteAsync($"{Root}/instances")).StatusCode);
    }
}

/// <summary>The management API on CreditFlow's engine, with what only that engine has: its partitions' owners and the poison queue.</summary>
public sealed class DurableManagementApiTests(AzuriteFixture storage)
    : DurableManagementApiContract(storage, new Dictionary<string, string?>()), IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Partitions_ListsEveryPartitionOwnedByTheOnlyWorker()
    {
        await using var host = await StartAsync();
        var worker = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<CreditFlow.Durable.Worker.CreditFlowDurableTaskWorker>().Single();

        var partitions = (await BodyAsync(await host.Client.GetAsync($"{Root}/partitions"))).EnumerateArray().ToList();

        // The test app folder's host.json asks for 8 partitions.
        Assert.Equal(Enumerable.Range(0, 8), partitions.Select(p => p.GetProperty("index").GetInt32()));
        Assert.All(partitions, p => Assert.Equal(worker.WorkerId, p.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task Poison_ListReplayDiscard_OverHttp()
    {
        await using var host = await StartAsync();
        var hub = host.Services.GetRequiredService<CreditFlow.Durable.Storage.TaskHub>();
        var queue = new Azure.Storage.Queues.QueueClient(Storage.ConnectionString, $"{hub.Options.HubName.ToLowerInvariant()}-control-00");
        await queue.SendMessageAsync("not a message at all");
        JsonElement poison;
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while ((poison = await BodyAsync(await host.Client.GetAsync($"{Root}/poison", cts.Token))).GetArrayLength() == 0)
            {
                await Task.Delay(100, cts.Token);
            }
        }

        var id = poison[0].GetProperty("id").GetString()!;
        Assert.Equal("not a message at all", poison[0].GetProperty("message").GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.DeleteAsync($"{Root}/poison/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.DeleteAsync($"{Root}/poison/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"{Root}/poison/{id}/replay", null)).StatusCode);
    }
}

/// <summary>The management API on Microsoft's engine (<c>storageProvider.type</c> AzureStorage).</summary>
public sealed class DurableManagementApiOnAzureStorageTests(AzuriteFixture storage)
    : DurableManagementApiContract(storage, AzureStorageEngine.Settings), IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Partitions_ListsEveryPartitionOwnedByTheOnlyWorker()
    {
        await using var host = await StartAsync();
        var worker = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AzureStorageDurableTaskWorker>().Single();
        await host.Client.PostAsync($"{Root}/orchestrators/HelloSequence/owned", null);
        await WaitForStatusAsync(host, "owned", HttpStatusCode.OK);

        var partitions = (await BodyAsync(await host.Client.GetAsync($"{Root}/partitions"))).EnumerateArray().ToList();

        Assert.Equal(Enumerable.Range(0, 8), partitions.Select(p => p.GetProperty("index").GetInt32()));
        Assert.All(partitions, p => Assert.Equal(worker.Hub.Options.WorkerId, p.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task Poison_Answers501SayingTheQueueIsCreditFlowEngineOnly()
    {
        await using var host = await StartAsync();

        var list = await host.Client.GetAsync($"{Root}/poison");
        var discard = await host.Client.DeleteAsync($"{Root}/poison/any");

        Assert.Equal(HttpStatusCode.NotImplemented, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, discard.StatusCode);
        Assert.Contains("only CreditFlow's engine", (await list.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
    }
}
