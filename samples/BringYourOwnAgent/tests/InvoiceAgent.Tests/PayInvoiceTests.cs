using Mandate.AI.Approvals;
using Mandate.Testing;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceAgent.Tests;

/// <summary>The agent's approval paths against Mandate.Testing's virtual person: no phone, no real server.</summary>
public sealed class PayInvoiceTests : IAsyncLifetime
{
    private readonly AccountsApi _accounts = new();
    private readonly string _approvalsFile = Path.Combine(Path.GetTempPath(), $"invoice-agent-{Guid.NewGuid():N}.db");
    private VirtualAuthorizationServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var options = new VirtualAuthorizationServerOptions();
        options.Settings["Mandate:CibaIntervalSeconds"] = "1";
        _server = await VirtualAuthorizationServer.StartAsync(options);
        _services = Agent(_server.CreateHandler);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        File.Delete(_approvalsFile);
    }

    /// <summary>One run of the agent process: its services, reaching the server through <paramref name="handler"/>.</summary>
    private ServiceProvider Agent(Func<HttpMessageHandler> handler)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_server.ClientSettings).Build();
        services.AddInvoiceAgent(configuration, AccountsApi.BaseAddress, _server.Person.Username, _approvalsFile)
            .ConfigurePrimaryHttpMessageHandler(handler);
        services.AddHttpClient(nameof(InvoiceTools)).ConfigurePrimaryHttpMessageHandler(() => _accounts);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task PersonApproves_TheInvoiceIsPaidWithTheirApprovedToken_AndTheyWereShownWhichInvoice()
    {
        _server.Person.Approves();

        var reply = await AskToPayAsync("inv-42");

        Assert.Equal("Invoice inv-42 paid.", reply);
        var payment = Assert.Single(_accounts.Payments);
        Assert.Equal("/invoices/inv-42/payment", payment.Path);
        Assert.False(string.IsNullOrEmpty(payment.Token));
        var shown = Assert.Single(_server.Person.Shown);
        Assert.Equal("Allow the agent to pay invoice inv-42?", shown.BindingMessage);
        Assert.Contains("payment", shown.Scopes);
    }

    [Fact]
    public async Task PersonDenies_NothingIsPaid_AndTheModelHearsTheyDeclined()
    {
        _server.Person.Denies();

        var reply = await AskToPayAsync("inv-43");

        Assert.Empty(_accounts.Payments);
        Assert.Contains("The person declined to pay the invoice.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheAgentFramework_AToolTheChatWouldApprove_IsApprovedOnce_ByThePerson()
    {
        _server.Person.Approves();
        var chat = InvoiceAgentServices.BuildChat(new ScriptedModel("inv-44"), _services);
        var tools = _services.GetRequiredService<InvoiceTools>().All.OfType<AIFunction>().Select(t => new ApprovalRequiredAIFunction(t));
        var agent = new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = [.. tools] } });

        var response = await agent.RunAsync("Pay invoice inv-44.");

        Assert.Equal("Invoice inv-44 paid.", response.Text);
        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>());
        Assert.Single(_server.Person.Shown);
        Assert.Single(_accounts.Payments);
    }

    [Fact]
    public async Task TheAgentStopsWhileThePersonDecides_TheNextRunPaysOnce_AndSaysSo()
    {
        _server.Person.ApprovesAfter(TimeSpan.FromSeconds(1));
        await using var first = Agent(() => new FreezesAfterAsking(_server.CreateHandler()));
        _ = AskToPayAsync("inv-45", first); // never ends: the first run "dies" while the person decides

        // The first run keeps the payment as waiting once the server has acknowledged the request.
        for (var wait = 0; wait < 100 && await new SqliteApprovalStore(_approvalsFile).ListAsync(default) is not [{ State: DurableApprovalState.Waiting }]; wait++)
        {
            await Task.Delay(100);
        }

        Assert.Single(_server.Person.Shown);
        await using var second = Agent(_server.CreateHandler);
        var told = new List<string>();
        await foreach (var message in InvoiceAgentServices.ResumeAsync(second).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            told.Add(message);
        }

        Assert.Equal(["While I was away you approved it: Invoice inv-45 paid."], told);
        var payment = Assert.Single(_accounts.Payments);
        Assert.Equal("/invoices/inv-45/payment", payment.Path);
        Assert.False(string.IsNullOrEmpty(payment.IdempotencyKey));
        Assert.Single(_server.Person.Shown); // asked once, across both runs
        Assert.Empty(await new SqliteApprovalStore(_approvalsFile).ListAsync(default));
    }

    private async Task<string> AskToPayAsync(string invoiceId, IServiceProvider? services = null)
    {
        services ??= _services;
        var chat = InvoiceAgentServices.BuildChat(new ScriptedModel(invoiceId), services);
        var tools = services.GetRequiredService<InvoiceTools>().All;
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, $"Pay invoice {invoiceId}.")], new ChatOptions { Tools = [.. tools] });
        return response.Text;
    }
}
