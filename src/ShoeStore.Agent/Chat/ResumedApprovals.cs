using Mandate.AI.Approvals;
using Mandate.AI.Authorization;
using Microsoft.Extensions.Logging;
using ShoeStore.Agent.Offline;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Chat;

/// <summary>
/// The purchases an earlier run of the assistant left waiting for the customer's approval: resumed at start-up
/// (Mandate.AI's <see cref="ApprovalRecovery"/>), each completed once when approved, and told in the conversation —
/// to the customer (<see cref="Told"/>) and to the model (a note in the history) — also when declined or expired.
/// </summary>
internal sealed partial class ResumedApprovals(ApprovalRecovery recovery, IStoreTools tools, ChatSession session, ILogger<ResumedApprovals> logger)
{
    /// <summary>Raised with what to tell the customer, once per resumed call, on the resuming thread.</summary>
    public event Action<string>? Told;

    /// <summary>Ends when every resumed call has ended (or the resumption was stopped).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts resuming in the background; subscribe to <see cref="Told"/> first.</summary>
    public void Start(CancellationToken cancellationToken) => Completion = RunAsync(cancellationToken);

    /// <summary>What the customer reads about <paramref name="call"/>.</summary>
    public static string Describe(ResumedToolCall call)
    {
        var what = call.BindingMessage is { } message ? $"\"{message}\"" : "the request";
        return call.Stage switch
        {
            ApprovalStage.Approved => $"While I was away, you approved {what} on your device. " + ResultPhraser.Phrase(call.ToolName, call.Result),
            ApprovalStage.Denied => $"While I was away, you declined {what} on your device, so nothing was done.",
            ApprovalStage.Expired => $"Your approval of {what} expired while I was away, so nothing was done. Ask again if you still want it.",
            _ => $"I could not finish {what} after restarting: " + ResultPhraser.Phrase(call.ToolName, call.Result),
        };
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var call in recovery.ResumeAsync(tools.All, cancellationToken: cancellationToken))
            {
                var text = Describe(call);
                session.AddNote(text);
                Told?.Invoke(text);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with the program: what is left stays kept for the next start.
        }
        catch (Exception exception)
        {
            ResumeFailed(logger, exception);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The purchases kept from an earlier run could not be resumed; they stay kept for the next start.")]
    private static partial void ResumeFailed(ILogger logger, Exception exception);
}
