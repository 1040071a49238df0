using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using System.Net.Sockets;
using Azure.Data.Tables;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Testing;

/// <summary>The fixture every storage test relies on: free ports, reuse within a run, a clean stop.</summary>
public sealed class AzuriteInstanceTests
{
    private static readonly int[] DefaultPorts = [10000, 10001, 10002];

    [Fact]
    public async Task StartAsync_FreePorts_ServesTables()
    {
        await using var azurite = await AzuriteInstance.StartAsync();

        Assert.DoesNotContain(azurite.TablePort, DefaultPorts);
        Assert.Equal(3, new[] { azurite.BlobPort, azurite.QueuePort, azurite.TablePort }.Distinct().Count());
        var table = new TableClient(azurite.ConnectionString, "fixturecheck");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));
    }

    [Fact]
    public async Task SharedAzurite_SecondCall_ReusesTheRunningInstance()
    {
        var first = await SharedAzurite.GetAsync();
        var second = await SharedAzurite.GetAsync();

        Assert.Same(first, second);
        Assert.True(first.IsRunning);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheProcessAndDeletesItsData()
    {
        var azurite = await AzuriteInstance.StartAsync();
        var port = azurite.TablePort;
        var folder = azurite.DataFolder;

        await azurite.DisposeAsync();

        Assert.False(azurite.IsRunning);
        Assert.False(Directory.Exists(folder));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }
}
