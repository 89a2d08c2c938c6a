namespace Mandate.AI.Approvals;

/// <summary>
/// Where tool calls waiting for the person's approval are kept (<see cref="DurableApproval"/>), so that an agent that
/// stops — even killed — resumes them when it starts again (<see cref="ApprovalRecovery"/>).
/// <see cref="SqliteApprovalStore"/> keeps them in a file; <see cref="InMemoryApprovalStore"/> for tests. Each
/// operation is atomic: after it returns, the change survives a crash.
/// </summary>
public interface IApprovalStore
{
    /// <summary>Adds <paramref name="approval"/>, or replaces the one with its id.</summary>
    /// <param name="approval">The approval.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the approval is durable.</returns>
    ValueTask SaveAsync(DurableApproval approval, CancellationToken cancellationToken);

    /// <summary>Every kept approval, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The approvals.</returns>
    ValueTask<IReadOnlyList<DurableApproval>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes the approval with <paramref name="id"/>, with any token it held; nothing when there is none.</summary>
    /// <param name="id">The approval's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the removal is durable.</returns>
    ValueTask RemoveAsync(string id, CancellationToken cancellationToken);
}
