using System.Collections.Concurrent;

namespace Mandate.AI.Tests.Fakes;

/// <summary>Keeps every approval report, in order.</summary>
internal sealed class RecordingProgress : IProgress<ApprovalProgress>
{
    public ConcurrentQueue<ApprovalProgress> Reports { get; } = new();

    public Action<ApprovalProgress>? OnReport { get; set; }

    public void Report(ApprovalProgress value)
    {
        Reports.Enqueue(value);
        OnReport?.Invoke(value);
    }
}
