using Mandate.AI.Approvals;
using ShoeStore.Agent.Configuration;
using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// The assistant (ShoeStore.Agent, its own process) is killed — no clean-up runs — while the customer has a purchase to
/// approve; the customer answers on the device while it is down; the restarted assistant finishes the purchase exactly
/// once (its kept idempotency key), or reports the refusal, and says so in the conversation.
/// </summary>
[Collection(nameof(AgentRestartTests))]
public sealed class AgentRestartTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mandate-agent-restart-").FullName;
    private DemoSystem _system = null!;
    private TestDevice _device = null!;

    private string ApprovalsFile => Path.Combine(_folder, "approvals", AgentOptions.DefaultApprovalsFileName);

    public async Task InitializeAsync()
    {
        _system = await DemoSystem.StartAsync();
        _device = await _system.SignInDeviceAsync();
    }

    public async Task DisposeAsync()
    {
        _device.Dispose();
        await _system.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KilledWithAPurchasePending_ApprovedWhileDown_TheRestartedAgentPlacesExactlyOneOrder_AndSaysSo()
    {
        var (productName, paymentRequest) = await KillWhileThePurchaseWaitsAsync();

        await _device.ApproveAsync(paymentRequest.Id);
        await using var restarted = StartAgent();
        restarted.Input.Close();
        Assert.Equal(0, await restarted.WaitForExitAsync());

        var told = await restarted.WaitForLineAsync("While I was away, you approved");
        Assert.Contains(paymentRequest.BindingMessage!, told, StringComparison.Ordinal);
        Assert.Contains("placed", told, StringComparison.Ordinal);
        await using var reader = _system.CreateAgent();
        using var orders = await OrderReader.ApproveAsync(reader, _device, _system.Endpoints, _system.Credentials.EndUser);
        var order = Assert.Single(await orders.ListAsync());
        Assert.Equal(productName, order.GetProperty("productName").GetString());
        Assert.Contains(order.GetProperty("id").GetString()!, told, StringComparison.Ordinal);
        Assert.Empty(await new SqliteApprovalStore(ApprovalsFile).ListAsync(default));
    }

    [Fact]
    public async Task KilledWithAPurchasePending_DeclinedWhileDown_TheRestartedAgentSaysSo_AndPlacesNoOrder()
    {
        var (_, paymentRequest) = await KillWhileThePurchaseWaitsAsync();

        await _device.DenyAsync(paymentRequest.Id);
        await using var restarted = StartAgent();
        restarted.Input.Close();
        Assert.Equal(0, await restarted.WaitForExitAsync());

        Assert.Contains("you declined", await restarted.WaitForLineAsync("While I was away"), StringComparison.Ordinal);
        await using var reader = _system.CreateAgent();
        using var orders = await OrderReader.ApproveAsync(reader, _device, _system.Endpoints, _system.Credentials.EndUser);
        Assert.Empty(await orders.ListAsync());
        Assert.Empty(await new SqliteApprovalStore(ApprovalsFile).ListAsync(default));
    }

    /// <summary>
    /// Starts the agent, shops until the purchase waits for the customer (approving the quote's address on the way), then
    /// kills the agent. Returns the product and the payment request the device shows.
    /// </summary>
    private async Task<(string ProductName, DeviceRequest Payment)> KillWhileThePurchaseWaitsAsync()
    {
        await using var agent = StartAgent();
        await agent.Input.WriteLineAsync("find running shoes in size 10");
        await agent.Input.WriteLineAsync("what would it cost to ship one to me?");
        await agent.Input.WriteLineAsync("buy it");
        await agent.Input.FlushAsync();

        DeviceRequest? payment = null;
        for (var round = 0; round < TestDevice.TurnLimit / TestDevice.PollEvery && payment is null; round++)
        {
            Assert.False(agent.HasExited, "the agent ended before asking to pay:\n" + agent.Output + "\n" + agent.Error);
            foreach (var request in await _device.PendingAsync())
            {
                if (request.Scopes.Contains("payment"))
                {
                    payment = request;
                }
                else
                {
                    await _device.ApproveAsync(request.Id); // the quote's address
                }
            }

            await Task.Delay(TestDevice.PollEvery);
        }

        Assert.NotNull(payment);
        var quote = await agent.WaitForLineAsync("Quote ");
        for (var round = 0; round < TestDevice.TurnLimit / TestDevice.PollEvery && !await IsKeptAsync(); round++)
        {
            await Task.Delay(TestDevice.PollEvery); // the agent keeps the purchase once the server has acknowledged it
        }

        Assert.True(await IsKeptAsync(), "the pending purchase was not kept");

        await agent.KillAsync();
        Assert.True(agent.HasExited);
        Assert.Contains(await _device.PendingAsync(), request => request.Id == payment.Id); // still waiting for the customer
        var productName = quote[(quote.IndexOf(" x ", StringComparison.Ordinal) + 3)..quote.IndexOf(", size", StringComparison.Ordinal)];
        return (productName, payment);
    }

    private async Task<bool> IsKeptAsync() =>
        File.Exists(ApprovalsFile) && (await new SqliteApprovalStore(ApprovalsFile).ListAsync(default)) is [{ State: DurableApprovalState.Waiting }];

    /// <summary>ShoeStore.Agent from its own build output, configured for this demo as the demo configures it, with its approvals file.</summary>
    private DemoProcess StartAgent()
    {
        var environment = DemoAgent.Settings(_system.Endpoints, _system.Credentials)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        environment["Agent__ApprovalsFile"] = ApprovalsFile;
        environment["Logging__LogLevel__Default"] = "Warning";
        return DemoProcess.StartProgram(Repository.Program("ShoeStore.Agent"), _folder, environment);
    }
}
