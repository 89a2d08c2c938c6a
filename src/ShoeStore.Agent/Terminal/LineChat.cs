using Mandate.AI.Authorization;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;

namespace ShoeStore.Agent.Terminal;

/// <summary>
/// The scriptable mode, used when standard input is not a terminal: one user message per line, each reply written
/// to standard output, approval progress to standard error. Purchases kept from an earlier run are resumed alongside, and
/// what became of each is written to standard output; at the end of input the chat waits for them, then ends.
/// </summary>
internal sealed class LineChat(ChatSession session, ApprovalTracker approvals, ResumedApprovals resumed, AgentOptions options, TimeProvider time)
{
    /// <summary>The most messages one run reads.</summary>
    public const int MaxMessages = 10_000;

    public async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter diagnostics, string modelDescription, CancellationToken cancellationToken)
    {
        diagnostics.WriteLine($"Shoe Store Assistant — model: {modelDescription}; acting for {options.LoginHint}; {options.DescribeStore()}");
        void OnChanged(ApprovalProgress progress)
        {
            if (ApprovalText.Line(progress, options.DeviceUrl, time.GetUtcNow()) is { } line)
            {
                lock (diagnostics)
                {
                    diagnostics.WriteLine(line);
                    diagnostics.Flush();
                }
            }
        }

        void OnTold(string text)
        {
            lock (output)
            {
                output.WriteLine(text);
                output.Flush();
            }
        }

        approvals.Changed += OnChanged;
        resumed.Told += OnTold;
        try
        {
            resumed.Start(cancellationToken);
            for (var count = 0; count < MaxMessages; count++)
            {
                var line = await input.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var reply = await session.SendAsync(line.Trim(), cancellationToken);
                OnTold(reply);
            }

            await resumed.Completion;
        }
        finally
        {
            approvals.Changed -= OnChanged;
            resumed.Told -= OnTold;
        }

        return 0;
    }
}
