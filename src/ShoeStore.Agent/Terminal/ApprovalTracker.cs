using Mandate.AI.Authorization;

namespace ShoeStore.Agent.Terminal;

/// <summary>Receives Mandate.AI's approval progress and keeps the pending approvals for the UI.</summary>
internal sealed class ApprovalTracker : IProgress<ApprovalProgress>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ApprovalProgress> _pending = new(StringComparer.Ordinal);

    /// <summary>Raised on every report, on the reporting thread.</summary>
    public event Action<ApprovalProgress>? Changed;

    public void Report(ApprovalProgress value)
    {
        lock (_gate)
        {
            if (value.IsFinished)
            {
                _pending.Remove(value.ApprovalId);
            }
            else
            {
                _pending[value.ApprovalId] = value;
            }
        }

        Changed?.Invoke(value);
    }

    /// <summary>The approvals still waiting for the customer.</summary>
    public IReadOnlyList<ApprovalProgress> Pending()
    {
        lock (_gate)
        {
            return [.. _pending.Values];
        }
    }
}
