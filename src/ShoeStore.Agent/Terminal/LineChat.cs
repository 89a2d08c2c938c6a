using Mandate.AI.Authorization;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;

namespace ShoeStore.Agent.Terminal;

/// <summary>
/// The scriptable mode, used when standard input is not a terminal: one user message per line, each reply written
/// to standard output, approval progress to standard error; ends at the end of input.
/// </summary>
internal sealed class LineChat(ChatSession session, ApprovalTracker approvals, AgentOptions options, TimeProvider time)
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

        approvals.Changed += OnChanged;
        try
        {
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
                await output.WriteLineAsync(reply.AsMemory(), cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            approvals.Changed -= OnChanged;
        }

        return 0;
    }
}
