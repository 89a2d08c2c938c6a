using System.Net;
using Mandate.AI.Approvals;
using Mandate.AI.Tokens;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Offline;
using ShoeStore.Agent.Terminal;
using ShoeStore.Agent.Tests.Fakes;
using ShoeStore.Agent.Tools;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ShoeStore.Agent.Tests.Terminal;

public sealed class InteractiveChatTests
{
    private readonly FakeToolTokenSource _source = new();
    private readonly FakeStoreHandler _store = new();
    private readonly StringWriter _screen = new();

    [Fact]
    public async Task Chat_ShowsTheOfflineLabelAndTheReply()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Products);

        var exitCode = await RunAsync("find running shoes in size 10\nexit\n", _ => { });

        Assert.Equal(0, exitCode);
        Assert.Contains("offline planner", _screen.ToString(), StringComparison.Ordinal);
        Assert.Contains("I found 2 running shoes in size 10", _screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingApproval_ShowsTheBindingMessageAndDevicePage_AndCancellingStopsTheWaitNotTheChat()
    {
        _store.Respond = request => request.PathAndQuery switch
        {
            "/quotes" => FakeStoreHandler.Json(StoreJson.Quote, HttpStatusCode.Created),
            "/orders" => FakeStoreHandler.Json(StoreJson.Order, HttpStatusCode.Created),
            _ => FakeStoreHandler.Json(StoreJson.Products),
        };
        var approve = _source.UserToken;
        _source.UserTokenAsync = async (request, progress, cancellationToken) =>
        {
            if (!request.Scopes.Contains("payment"))
            {
                return approve(request, progress);
            }

            progress?.Report(new UserTokenProgress(DateTimeOffset.UtcNow.AddMinutes(5)));
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return ToolTokenResult.Failure("server_error");
        };

        var exitCode = await RunAsync(
            "find running shoes in size 10\nwhat would it cost to ship one to me?\nbuy it\nany deals?\nexit\n",
            chat => chat.CancelPendingTurn());

        var screen = _screen.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Approval needed", screen, StringComparison.Ordinal);
        Assert.Contains("Allow agent to buy Nike Air Zoom Pegasus 41 for $137.03?", screen, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5100/device", screen, StringComparison.Ordinal);
        Assert.Contains("Cancelled: stopped waiting. Nothing was done.", screen, StringComparison.Ordinal);
        Assert.DoesNotContain(_store.Requests, r => r.PathAndQuery == "/orders");
        Assert.Contains(_store.Requests, r => r.PathAndQuery == "/deals");
    }

    [Fact]
    public async Task APurchaseKeptFromAnEarlierRun_IsToldInAPanel_WhileThePersonIsAtThePrompt()
    {
        _store.Respond = _ => FakeStoreHandler.Json(StoreJson.Order, HttpStatusCode.Created);
        var kept = await KeptPurchase.ApprovedAsync();
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The person types nothing until the assistant has told them, then leaves.
        var exitCode = await RunAsync(new GatedReader(told.Task, "exit"), _ => { }, services => services.AddApprovalStore(kept),
            panel => { if (panel is Panel { Header.Text: "Assistant" }) { told.TrySetResult(); } });

        var screen = _screen.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("While I was away, you approved", screen, StringComparison.Ordinal);
        Assert.Contains("Order o_1 placed", screen, StringComparison.Ordinal);
        Assert.Equal(KeptPurchase.IdempotencyKey, Assert.Single(_store.Requests).IdempotencyKey);
        Assert.Empty(await kept.ListAsync(CancellationToken.None));
    }

    private Task<int> RunAsync(string input, Action<InteractiveChat> onApprovalPanel) =>
        RunAsync(new StringReader(input), onApprovalPanel, register: null, onPanel: null);

    private async Task<int> RunAsync(
        TextReader input, Action<InteractiveChat> onApprovalPanel, Action<IServiceCollection>? register, Action<IRenderable>? onPanel)
    {
        var console = new SignallingConsole(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_screen),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        }));
        var services = TerminalAgent.Services(_source, new OfflinePlanner(), _store, services => services.AddSingleton<IAnsiConsole>(console));
        register?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<InteractiveChat>();
        console.OnWrite = renderable =>
        {
            onPanel?.Invoke(renderable);
            if (renderable is Panel { Header.Text: "Approval needed" })
            {
                onApprovalPanel(chat);
            }
        };

        return await chat.RunAsync(input, ShoeStore.Agent.Chat.ChatClientFactory.Describe(null));
    }

    /// <summary>Input that answers its one line once <paramref name="gate"/> completes (at most 20 s), then ends.</summary>
    private sealed class GatedReader(Task gate, string line) : TextReader
    {
        private bool _read;

        public override async Task<string?> ReadLineAsync()
        {
            if (_read)
            {
                return null;
            }

            await gate.WaitAsync(TimeSpan.FromSeconds(20));
            _read = true;
            return line;
        }
    }
}
