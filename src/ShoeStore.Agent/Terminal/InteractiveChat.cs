using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using Spectre.Console;

namespace ShoeStore.Agent.Terminal;

/// <summary>
/// The chat on a terminal (Spectre.Console). While an approval is pending it shows the binding message, where to
/// approve (the device page) and a countdown; Ctrl+C then cancels the wait — the turn — not the program. Purchases kept
/// from an earlier run are resumed alongside and told as they end; those still undecided at exit stay kept.
/// </summary>
internal sealed class InteractiveChat(
    ChatSession session, ApprovalTracker approvals, ResumedApprovals resumed, AgentOptions options, TimeProvider time, IAnsiConsole console)
{
    private const int MaxTurns = 10_000;
    private const int MaxTicksPerTurn = 3_600;

    private CancellationTokenSource? _turn;

    public async Task<int> RunAsync(TextReader input, string modelDescription)
    {
        console.Write(new Rule("[bold]Shoe Store Assistant[/]").LeftJustified());
        console.MarkupLine($"Model: [yellow]{Markup.Escape(modelDescription)}[/]");
        console.MarkupLine($"Acting for [bold]{Markup.Escape(options.LoginHint)}[/] · {Markup.Escape(options.DescribeStore())}");
        if (options.DeviceUrl is { } device)
        {
            console.MarkupLine($"Approvals: [link]{Markup.Escape(device.ToString())}[/]");
        }

        console.MarkupLine("[grey]Ask for shoes, deals, a quote, to buy, or your orders. 'exit' leaves; Ctrl+C cancels a pending approval.[/]");
        Console.CancelKeyPress += OnCancelKeyPress;
        using var stopResuming = new CancellationTokenSource();
        void OnTold(string text) => console.Write(new Panel(new Text(text)).Header("Assistant").RoundedBorder());
        void OnChanged(Mandate.AI.Authorization.ApprovalProgress progress)
        {
            // A turn shows its own approvals; between turns only resumed ones change.
            if (Volatile.Read(ref _turn) is null && ApprovalText.Line(progress, options.DeviceUrl, time.GetUtcNow()) is { } line)
            {
                console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
            }
        }

        resumed.Told += OnTold;
        approvals.Changed += OnChanged;
        try
        {
            resumed.Start(stopResuming.Token);

            for (var turn = 0; turn < MaxTurns; turn++)
            {
                console.Markup("[bold green]You:[/] ");
                var line = await input.ReadLineAsync();
                if (line is null || line.Trim() is "exit" or "quit" or "bye")
                {
                    break;
                }

                if (!string.IsNullOrWhiteSpace(line))
                {
                    await RunTurnAsync(line.Trim());
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            resumed.Told -= OnTold;
            approvals.Changed -= OnChanged;
            await stopResuming.CancelAsync();
            await resumed.Completion;
        }

        return 0;
    }

    private async Task RunTurnAsync(string message)
    {
        using var turn = new CancellationTokenSource();
        Volatile.Write(ref _turn, turn);
        try
        {
            var reply = session.SendAsync(message, turn.Token);
            await console.Status().Spinner(Spinner.Known.Dots).StartAsync("Thinking…", context => ShowProgressAsync(reply, context));
            var text = await reply;
            console.Write(new Panel(new Text(text)).Header("Assistant").RoundedBorder());
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Cancelled: stopped waiting. Nothing was done.[/]");
        }
        finally
        {
            Volatile.Write(ref _turn, null);
        }
    }

    private async Task ShowProgressAsync(Task reply, StatusContext context)
    {
        var announced = new HashSet<string>(StringComparer.Ordinal);
        for (var tick = 0; tick < MaxTicksPerTurn && !reply.IsCompleted; tick++)
        {
            var pending = approvals.Pending().FirstOrDefault(p => p.Stage == Mandate.AI.Authorization.ApprovalStage.Waiting);
            if (pending is null)
            {
                context.Status("Thinking…");
            }
            else
            {
                if (announced.Add(pending.ApprovalId))
                {
                    var where = options.DeviceUrl is { } device ? $"\nApprove on your device: [link]{Markup.Escape(device.ToString())}[/]" : "\nApprove on your device.";
                    console.Write(new Panel(new Markup($"[bold]{Markup.Escape(pending.BindingMessage ?? string.Join(' ', pending.Scopes))}[/]{where}"))
                        .Header("Approval needed").RoundedBorder());
                }

                var left = pending.TimeLeft(time.GetUtcNow());
                context.Status($"Waiting for your approval{(left is { } l ? $" — {ApprovalText.Countdown(l)} left" : "")} · Ctrl+C cancels");
            }

            try
            {
                await reply.WaitAsync(TimeSpan.FromSeconds(1), time);
            }
            catch (TimeoutException)
            {
                // Next tick: refresh the countdown.
            }
            catch (Exception)
            {
                // The reply failed or was cancelled; the caller reports it.
                return;
            }
        }
    }

    /// <summary>Cancels the turn in progress (what Ctrl+C does); returns whether one was running.</summary>
    internal bool CancelPendingTurn()
    {
        if (Volatile.Read(ref _turn) is not { } turn)
        {
            return false;
        }

        try
        {
            turn.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            // The turn ended meanwhile.
            return false;
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // Ctrl+C during a turn stops waiting for the approval; when idle it ends the program as usual.
        if (CancelPendingTurn())
        {
            e.Cancel = true;
        }
    }
}
