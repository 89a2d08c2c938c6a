using System.Collections.Concurrent;

namespace Mandate.AI.Approvals;

/// <summary>
/// An <see cref="IApprovalStore"/> in memory: approvals behave as with a file but do not survive the process. For tests,
/// and the default when no store is registered.
/// </summary>
public sealed class InMemoryApprovalStore : IApprovalStore
{
    private readonly ConcurrentDictionary<string, DurableApproval> _approvals = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask SaveAsync(DurableApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        cancellationToken.ThrowIfCancellationRequested();
        _approvals[approval.Id] = approval;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DurableApproval>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<DurableApproval>>(
            [.. _approvals.Values.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        _approvals.TryRemove(id, out _);
        return ValueTask.CompletedTask;
    }
}
